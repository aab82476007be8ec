import { z } from "zod";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { DERIVE_STATES, IMAGE_SOURCES, OBJECT_STATES, REVIEW_STATUSES } from "@/lib/enums/image-enums";
import { PREVIEW_LIMITS, TRUNCATABLE_FIELDS } from "@/lib/images/preview/list-preview-limits";

// The API's image record, beside the row mapping that fills it (image-record.ts); app/api/v1/api-routes.ts documents it.

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
    .array(critiqueRecordSchema)
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
  derive_state: z.enum(DERIVE_STATES).meta({
    description:
      "A worker makes the variants, placeholder and perceptual hash after the 201: pending until then (the thumb and preview URLs point at the original meanwhile), failed when the original turned out not to decode (derive_error says why)",
  }),
  derive_error: nullableString,
  truncated_fields: z.array(z.enum(TRUNCATABLE_FIELDS)).meta({
    description: `Fields this record carries cut short: in a list, text past its first ${PREVIEW_LIMITS.prompt} characters (prompt), ${PREVIEW_LIMITS.negative_prompt} (negative_prompt) or ${PREVIEW_LIMITS.name} (model, sampler and the like), and JSON values longer than ${PREVIEW_LIMITS.json} bytes, which a list gives as [], {} or null. GET /images/{id} carries every value whole (this list is then empty), so a page's size does not depend on what files embed.`,
  }),
});
