import { z } from "zod";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";

/** The generation parameters an experiment compares; each value links to the selection filter of the same name. */
export const EXPERIMENT_PARAMETERS = [
  "model",
  "lora",
  "lora_weight",
  "sampler",
  "scheduler",
  "steps",
  "cfg",
  "run",
  "generator_version",
  "trained_on",
] as const;
export type ExperimentParameter = (typeof EXPERIMENT_PARAMETERS)[number];

export const EXPERIMENT_PARAMETER_LABELS: Record<ExperimentParameter, string> = {
  model: "Model",
  lora: "LoRA",
  lora_weight: "LoRA and weight",
  sampler: "Sampler",
  scheduler: "Scheduler",
  steps: "Steps",
  cfg: "CFG scale",
  run: "Run",
  generator_version: "Generator version",
  trained_on: "Trained on dataset version",
};

/**
 * GET /api/v1/experiments, the experiments page and the MCP `experiment` tool: any filter of the one image
 * selection, the parameter to compare, and how many values to keep (the most used). `critic` (a selection
 * field) also narrows the critic agreement to that critic.
 */
export const experimentQuerySchema = imageFilterSchema
  .extend({
    parameter: z.enum(EXPERIMENT_PARAMETERS).describe("The generation parameter to compare"),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("Values kept, the most used first"),
  })
  .strict();
export type ExperimentQuery = z.output<typeof experimentQuerySchema>;

export type ExperimentRow = {
  /** The value as the filter matches it (model key, LoRA key, sampler key, run id…). */
  value: string;
  /** The value as stored (the most common verbatim spelling; a run's name). */
  label: string;
  images: number;
  approved: number;
  rejected: number;
  /** approved / (approved + rejected); null when nothing is decided. */
  approval_rate: number | null;
  /** Wilson 95% interval of the approval rate; rows are ordered by its lower bound. */
  approval_interval: { low: number; high: number } | null;
  /** Mean of the images' mean human scores (1–5); null when none is scored. */
  mean_score: number | null;
  scored: number;
  /** Current critiques whose verdict matches the human consensus, of those on approved / rejected images. */
  critic_agreement: number | null;
  critiques_compared: number;
  /** The selection filter that shows exactly these images (gallery, review mode, API). */
  filter: Record<string, string | number>;
};

export type Experiment = { parameter: ExperimentParameter; rows: ExperimentRow[] };
