/**
 * A dataset's saved filter as a sentence ("Approved images with tag “portrait”, model “sdxl”"), for people;
 * keys this function does not know are still listed, so nothing the filter holds is hidden.
 */
export function describeDatasetFilter(filter: Record<string, unknown>): string {
  const { status, tag, model, run, ...rest } = filter;
  const subject = typeof status === "string" ? `${capitalise(status)} images` : "All live images";
  const parts = [
    typeof tag === "string" ? `tag “${tag}”` : null,
    typeof model === "string" ? `model “${model}”` : null,
    typeof run === "string" ? `run “${run}”` : null,
    ...Object.entries(rest).map(([key, value]) => `${key} “${String(value)}”`),
  ].filter(Boolean);
  return parts.length > 0 ? `${subject} with ${parts.join(", ")}` : subject;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
