import { z } from "zod";
import { criticNameSchema } from "@/lib/critics/critic-name";
import { disagreementFilterShape } from "@/lib/critics/disagreement-filter";
import { REVIEW_STATUSES } from "@/lib/enums/image-enums";
import { storableString } from "@/lib/zod/storable";

/**
 * The one image selection every list, queue, filter and export uses (API list, gallery, review queue,
 * dataset-from-filter). What each field means, everywhere:
 * - `q`: prompt words, each matched by prefix (`light` finds "lighthouse"); `"a phrase"`, `-word` (exclude the
 *   whole word), `a or b` as in web search (see prompt-tsquery.ts).
 * - `model`, `lora`: the normalised identity (lib/metadata/model-key.ts), so case, folder, extension and
 *   A1111's hash suffix do not matter.
 * - `status`: the consensus review status; `unreviewed_me` is "not yet decided by the viewer" and needs one.
 * - `tag`: a tag id or a tag name (any case or Unicode form, lib/tags/tag-key.ts). An image carries tag X when it is labelled X or when any
 *   reviewer's current review gives X as a reason: a tag is one concept, however it got onto the image.
 *   So "approved + tag X" is the same set in the API, the gallery, review mode and a dataset.
 * - `run`: a run id or a run's exact name.
 * - `sampler` (any writer's spelling, scheduler suffix ignored), `scheduler` (any case), `steps`, `cfg`,
 *   `generator_version` (as the generator wrote it), `lora_weight` (with `lora`: that LoRA at that weight; alone:
 *   any LoRA at it): the generation parameters an experiment (lib/insights) groups by, so each of its rows links here.
 * - `score_min`, `score_max`: the mean human score (1–5), inclusive.
 * - `disagreement`: a current critique contradicts the human consensus: `critic_approved` (humans rejected),
 *   `critic_rejected` (humans approved) or `any`; `critic` narrows it to one critic (lib/critics/disagreement.ts).
 * - `missing_critic`: images this critic has never scored, in any version (how a critic resumes).
 * - `created_after` / `created_before`: inclusive; a date (YYYY-MM-DD, UTC) covers that whole day, a date-time
 *   is that instant.
 */
const IMAGE_STATUSES = ["unreviewed_me", ...REVIEW_STATUSES] as const;
const IMAGE_SORTS = ["newest", "oldest", "score", "gap"] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];

const text = (max: number) => storableString().trim().min(1).max(max);
const score = z.coerce.number().min(0, "score is 0–5").max(5, "score is 0–5");
const instant = (name: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time`,
  });

/** The filters; every field narrows, none means "all live images". */
export const imageFilterSchema = z
  .object({
    q: text(500)
      .optional()
      .describe('Prompt words, each matched by prefix; "a phrase", -word to exclude, a or b'),
    model: text(500)
      .optional()
      .describe("Model name in any spelling (case, folder, extension do not matter)"),
    lora: text(500).optional().describe("LoRA name in any spelling"),
    status: z
      .enum(IMAGE_STATUSES)
      .optional()
      .describe("Review status (unreviewed_me needs a signed-in reviewer)"),
    tag: text(100)
      .optional()
      .describe(
        "Tag id or name (any case or Unicode normal form): images labelled with it or given it as a reason by a reviewer",
      ),
    run: text(200).optional().describe("Run id or exact run name"),
    sampler: text(100).optional().describe("Sampler in any writer's spelling (Euler a = euler_ancestral)"),
    scheduler: text(100).optional().describe("Scheduler name, any case"),
    steps: z.coerce.number().int().min(0).max(100_000).optional().describe("Sampling steps"),
    cfg: z.coerce.number().min(-1000).max(1000).optional().describe("CFG scale"),
    generator_version: text(100).optional().describe("Generator version as the generator wrote it"),
    lora_weight: z.coerce
      .number()
      .min(-100)
      .max(100)
      .optional()
      .describe("LoRA weight: with lora, that LoRA at this weight; alone, any LoRA at it"),
    score_min: score.optional().describe("Lowest mean human score, inclusive"),
    score_max: score.optional().describe("Highest mean human score, inclusive"),
    created_after: instant("created_after")
      .optional()
      .describe("Inclusive; a date covers its whole day (UTC)"),
    created_before: instant("created_before")
      .optional()
      .describe("Inclusive; a date covers its whole day (UTC)"),
    ...disagreementFilterShape,
    missing_critic: criticNameSchema
      .optional()
      .describe("Only images this critic has never scored (any version): how a critic resumes"),
  })
  .strict();
export type ImageFilter = z.output<typeof imageFilterSchema>;

/** Filters and the order to walk them in: a gallery view, a review queue, an API list. */
export const imageSelectionSchema = imageFilterSchema
  .extend({
    sort: z
      .enum(IMAGE_SORTS)
      .default("newest")
      .describe("newest, oldest, score (highest first) or gap (largest critic-vs-human disagreement first)"),
  })
  .strict();
export type ImageSelection = z.output<typeof imageSelectionSchema>;

const FIELDS = Object.keys(imageSelectionSchema.shape) as (keyof ImageSelection)[];
// Links shared before the selection had one vocabulary named the gallery's dates `from` and `to`.
const LEGACY_NAMES: Partial<Record<keyof ImageSelection, string>> = {
  created_after: "from",
  created_before: "to",
};

/**
 * A selection from URL parameters (Next's searchParams or a URLSearchParams object), as the gallery and review
 * mode read it: repeated keys take the first value, and a bad field is dropped rather than the page refused.
 */
export function parseImageSelection(params: Record<string, string | string[] | undefined>): ImageSelection {
  const selection: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const raw = params[field] ?? (LEGACY_NAMES[field] ? params[LEGACY_NAMES[field]] : undefined);
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    const parsed = imageSelectionSchema.shape[field].safeParse(value);
    if (parsed.success) selection[field] = parsed.data;
  }
  return imageSelectionSchema.parse(selection);
}

/** The URL form of a selection, leaving out defaults, so links between gallery, review and compare keep the view. */
export function toSelectionSearchParams(selection: ImageSelection): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = selection[field];
    if (value === undefined || (field === "sort" && value === "newest")) continue;
    params.set(field, String(value));
  }
  return params;
}

export function hasImageFilter(selection: ImageSelection): boolean {
  return FIELDS.some((field) => field !== "sort" && selection[field] !== undefined);
}
