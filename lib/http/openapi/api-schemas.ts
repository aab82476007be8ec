import { z } from "zod";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { imageRecordSchema } from "@/lib/images/record/image-record-schema";
import { ERROR_STATUS } from "../responses/errors";

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
