// The selection's field names (lib/images/selection/image-filter.ts) as people say them.
const LABELS: Record<string, string> = {
  q: "prompt",
  tag: "tag",
  model: "model",
  lora: "LoRA",
  run: "run",
  score_min: "score at least",
  score_max: "score at most",
  created_after: "added from",
  created_before: "added until",
};

/**
 * A dataset's saved filter as a sentence ("Approved images with tag “portrait”, model “sdxl”"), for people;
 * keys this function does not know are still listed, so nothing the filter holds is hidden.
 */
export function describeDatasetFilter(filter: Record<string, unknown>): string {
  const { status, ...rest } = filter;
  const subject = typeof status === "string" ? `${capitalise(status)} images` : "All live images";
  const known = Object.keys(LABELS).filter((key) => key in rest);
  const unknown = Object.keys(rest).filter((key) => !(key in LABELS));
  const parts = [...known, ...unknown].map((key) => `${LABELS[key] ?? key} “${String(rest[key])}”`);
  return parts.length > 0 ? `${subject} with ${parts.join(", ")}` : subject;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
