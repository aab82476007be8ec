import { z } from "zod";
import { CRITIC_SCALES } from "@/lib/enums/critic-enums";

// The API's critique record, beside the row mapping that fills it (critique-record.ts); app/api/v1/api-routes.ts documents it.

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
