import type { SampleExpectation } from "@/lib/metadata/fixtures/samples-expected";

type StoredFields = {
  generator: string | null;
  prompt: string | null;
  negative_prompt: string | null;
  seed: string | null;
  steps: number | null;
  sampler: string | null;
  cfg_scale: number | null;
  model: string | null;
};

/** An image record's generation fields in the table's shape (prompts cut to 80 characters). */
export function toSampleExpectation(record: StoredFields): SampleExpectation {
  const cut = (text: string | null) => (text === null ? null : text.slice(0, 80));
  return {
    generator: record.generator,
    prompt: cut(record.prompt),
    negativePrompt: cut(record.negative_prompt),
    seed: record.seed,
    steps: record.steps,
    sampler: record.sampler,
    cfgScale: record.cfg_scale,
    model: record.model,
  };
}
