/** The generation settings the review panel shows beside the image, and what changed since the previous one. */
export type ReviewDetails = {
  id: string;
  prompt: string | null;
  /** The prompt is longer than the preview the panel gets; the image page shows it whole. */
  promptTruncated: boolean;
  negativePrompt: string | null;
  model: string | null;
  seed: string | null;
  sampler: string | null;
  scheduler: string | null;
  steps: number | null;
  cfgScale: number | null;
  loras: string[];
  width: number;
  height: number;
  /** The refiner pass and the C2PA credentials, as text (lib/images/record/generation-extras.ts); null when none. */
  refiner: string | null;
  provenance: string | null;
  critiques: { critic: string; score: number | null; decision: string | null }[];
};

export type ReviewDetailField = (typeof REVIEW_DETAIL_FIELDS)[number][0];

export const REVIEW_DETAIL_FIELDS = [
  ["prompt", "Prompt"],
  ["negativePrompt", "Negative"],
  ["model", "Model"],
  ["seed", "Seed"],
  ["sampler", "Sampler"],
  ["scheduler", "Scheduler"],
  ["steps", "Steps"],
  ["cfgScale", "CFG"],
  ["loras", "LoRAs"],
  ["size", "Size"],
  ["refiner", "Refiner"],
  ["provenance", "C2PA"],
] as const;

/** Fields most images do not have: the panel leaves their row out instead of printing "—". */
export const OPTIONAL_DETAIL_FIELDS: ReadonlySet<ReviewDetailField> = new Set(["refiner", "provenance"]);

/** One field as the panel prints it; "—" when the file did not say. */
export function formatReviewDetail(details: ReviewDetails, field: ReviewDetailField): string {
  if (field === "size") return `${details.width}×${details.height}`;
  if (field === "loras") return details.loras.length > 0 ? details.loras.join(", ") : "—";
  const value = details[field];
  if (value === null || value === "") return "—";
  return field === "prompt" && details.promptTruncated ? `${value}…` : String(value);
}

/**
 * The fields that differ from the previous image (what a sweep changed); whitespace-only differences in the
 * prompts do not count. Empty when there is no previous image.
 */
export function diffReviewDetails(
  previous: ReviewDetails | null,
  current: ReviewDetails,
): ReviewDetailField[] {
  if (!previous) return [];
  const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
  return REVIEW_DETAIL_FIELDS.map(([field]) => field).filter(
    (field) =>
      normalise(formatReviewDetail(previous, field)) !== normalise(formatReviewDetail(current, field)),
  );
}
