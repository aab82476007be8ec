import { z } from "zod";
import { CRITIC_SCALES } from "@/lib/critics/critic-enums";
import { IMAGE_SOURCES, OBJECT_STATES, REVIEW_STATUSES } from "@/lib/images/image-enums";
import { PREVIEW_LIMITS, TRUNCATABLE_FIELDS } from "@/lib/images/list-preview-limits";
import { ERROR_STATUS } from "./errors";

// Response shapes of /api/v1, declared once: the OpenAPI document is generated from these and the request schemas.

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    message: z.string().meta({ description: "Written for people; safe to show" }),
    details: z
      .unknown()
      .optional()
      .meta({ description: "Machine-readable extras, e.g. [{ path, message }]" }),
  }),
});

const nullableString = z.string().nullable();

export const imageRecordSchema = z.object({
  id: z.uuid(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  object_key: z.string(),
  content_type: z.string(),
  byte_size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  placeholder: nullableString.meta({ description: "A tiny WebP data URL to paint before the thumb loads" }),
  source: z.enum(IMAGE_SOURCES),
  generator: nullableString,
  prompt: nullableString,
  negative_prompt: nullableString,
  seed: nullableString.meta({ description: "Decimal string: seeds reach 2^64-1" }),
  model: nullableString.meta({ description: "As the writer named it" }),
  model_key: nullableString.meta({ description: "Normalised model name the model filter matches" }),
  model_version: nullableString,
  model_hash: nullableString,
  sampler: nullableString.meta({ description: "As the writer named it" }),
  sampler_key: nullableString.meta({ description: "Normalised sampler, e.g. euler_ancestral" }),
  scheduler: nullableString,
  steps: z.number().int().nullable(),
  cfg_scale: z.number().nullable(),
  loras: z.array(
    z.object({
      name: z.string(),
      weight: z.number().nullable(),
      hash: z.string().optional(),
      key: z.string().optional(),
    }),
  ),
  params: z.record(z.string(), z.unknown()),
  metadata_warnings: z
    .array(z.object({ field: z.string(), problem: z.string() }))
    .meta({ description: "What the file's metadata needed changed to be stored; the raw bytes are kept" }),
  workflow: z.unknown(),
  run: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  critiques: z
    .array(z.lazy(() => critiqueRecordSchema))
    .meta({ description: "Current critiques, one per critic and version" }),
  variants: z.array(
    z.object({
      name: z.string(),
      object_key: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      byte_size: z.number().int(),
    }),
  ),
  review_status: z.enum(REVIEW_STATUSES),
  object_state: z.enum(OBJECT_STATES),
  created_at: z.iso.datetime(),
  deleted_at: z.iso.datetime().nullable(),
  truncated_fields: z.array(z.enum(TRUNCATABLE_FIELDS)).meta({
    description: `Fields this record carries cut short: in a list, text past its first ${PREVIEW_LIMITS.prompt} characters (prompt), ${PREVIEW_LIMITS.negative_prompt} (negative_prompt) or ${PREVIEW_LIMITS.name} (model, sampler and the like), and JSON values longer than ${PREVIEW_LIMITS.json} bytes, which a list gives as [], {} or null. GET /images/{id} carries every value whole (this list is then empty), so a page's size does not depend on what files embed.`,
  }),
});

const imageUrlsSchema = z
  .object({ original: z.url(), preview: z.url(), thumb: z.url() })
  .meta({ description: "Signed, expiring URLs; stable within a signing window so browsers cache" });

export const imageWithUrlsSchema = imageRecordSchema.extend({ urls: imageUrlsSchema });
export const postedImageSchema = imageWithUrlsSchema.extend({
  duplicate: z.boolean().meta({ description: "true when these bytes were already stored (200)" }),
});
export const imagePageSchema = z.object({
  items: z.array(imageRecordSchema.extend({ thumb_url: z.url() })),
  next_cursor: z.string().nullable(),
});
export const runRecordSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  generator: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime(),
});
export const uploadTicketSchema = z.object({
  id: z.uuid(),
  upload_url: z.url(),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expires_at: z.iso.datetime(),
});
/** 202 from export.zip while the archive is being built; ask again after Retry-After. */
export const archiveBuildingSchema = z.object({
  status: z.literal("building"),
  bytes_done: z.number().int().min(0),
  bytes_total: z.number().int().min(0),
});

export const critiqueRecordSchema = z.object({
  id: z.uuid(),
  image_id: z.uuid(),
  critic: z.string(),
  critic_version: z.string(),
  score: z.number().nullable().meta({ description: "As sent, on its declared scale" }),
  scale: z.enum(CRITIC_SCALES).nullable(),
  score_normalized: z.number().min(0).max(1).nullable(),
  decision: z.string().nullable(),
  reasons: z.array(z.string()),
  raw: z.record(z.string(), z.unknown()),
  is_current: z.boolean().meta({ description: "false once the same critic and version re-scored the image" }),
  superseded_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
});
export const critiqueListSchema = z.object({
  items: z.array(critiqueRecordSchema),
  next_cursor: z.string().nullable(),
});

const interval = z.object({ low: z.number(), high: z.number() });
/** GET /api/v1/experiments: one row per parameter value (lib/insights/experiment-input.ts). */
export const experimentSchema = z.object({
  parameter: z.string(),
  rows: z.array(
    z.object({
      value: z.string(),
      label: z.string(),
      images: z.number().int(),
      approved: z.number().int(),
      rejected: z.number().int(),
      approval_rate: z.number().nullable(),
      approval_interval: interval.nullable().describe("Wilson 95% interval; rows are ordered by its low end"),
      mean_score: z.number().nullable(),
      scored: z.number().int(),
      critic_agreement: z.number().nullable(),
      critiques_compared: z.number().int(),
      filter: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe("Query parameters of GET /images that list exactly these images"),
    }),
  ),
});
