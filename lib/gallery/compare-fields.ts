import type { ImageRecord } from "@/lib/images/record/image-record";

export type CompareRow = { label: string; values: string[]; differs: boolean };

const text = (value: unknown) =>
  value === null || value === undefined || value === "" ? "—" : String(value);

// Prompts copied between tools pick up doubled spaces and line breaks; those are not differences a reviewer wants lit.
const comparable = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * The metadata table of compare: one row per field, `differs` when the images do not all agree (whitespace-only
 * differences do not count).
 */
export function compareFields(records: ImageRecord[]): CompareRow[] {
  const fields: [string, (record: ImageRecord) => unknown][] = [
    ["Prompt", (r) => r.prompt],
    ["Negative prompt", (r) => r.negative_prompt],
    ["Seed", (r) => r.seed],
    ["Model", (r) => r.model],
    ["Model hash", (r) => r.model_hash],
    ["LoRAs", (r) => r.loras.map((lora) => `${lora.name}:${lora.weight ?? "—"}`).join(", ")],
    ["Sampler", (r) => r.sampler],
    ["Scheduler", (r) => r.scheduler],
    ["Steps", (r) => r.steps],
    ["CFG", (r) => r.cfg_scale],
    ["Size", (r) => `${r.width}×${r.height}`],
    ["Run", (r) => r.run?.name],
    ["Generator", (r) => r.generator],
    ["Status", (r) => r.review_status],
    ["Created", (r) => r.created_at.replace("T", " ").slice(0, 19)],
  ];
  return fields.map(([label, read]) => {
    const values = records.map((record) => text(read(record)));
    return { label, values, differs: new Set(values.map(comparable)).size > 1 };
  });
}
