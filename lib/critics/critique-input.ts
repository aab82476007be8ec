import { z } from "zod";
import { CRITIC_DECISIONS, CRITIC_SCALES, type CriticScale } from "@/lib/enums/critic-enums";
import { storableJsonObject, storableString } from "@/lib/zod/storable";
import { criticNameSchema, criticVersionSchema } from "./critic-name";

// Each scale's [low, high]; a score maps linearly so that low → 0 and high → 1.
const SCALE_RANGES: Record<CriticScale, [number, number]> = {
  "0-1": [0, 1],
  "1-5": [1, 5],
  "1-10": [1, 10],
  "0-100": [0, 100],
};

/** The score on 0–1; the caller has checked that it lies within its scale. */
export function normalizeScore(score: number, scale: CriticScale): number {
  const [low, high] = SCALE_RANGES[scale];
  return (score - low) / (high - low);
}

const critiqueShape = {
  critic: criticNameSchema,
  critic_version: criticVersionSchema,
  score: z.number("score must be a number").finite(),
  scale: z.enum(CRITIC_SCALES, `scale must be one of ${CRITIC_SCALES.join(", ")}`),
  decision: z.enum(CRITIC_DECISIONS, `decision must be ${CRITIC_DECISIONS.join(" or ")}`).nullish(),
  reasons: z.array(storableString().trim().min(1).max(100)).max(50).default([]),
  raw: storableJsonObject({ maxDepth: 32, maxNodes: 10_000 }).default({}),
};

function scoreWithinScale(value: { score: number; scale: CriticScale }, context: z.RefinementCtx) {
  const [low, high] = SCALE_RANGES[value.scale];
  if (value.score < low || value.score > high) {
    context.addIssue({
      code: "custom",
      path: ["score"],
      message: `score must be between ${low} and ${high} on scale ${value.scale}`,
    });
  }
}

/** One critique as the API takes it (snake case like the rest of the API). */
export const critiqueFieldsSchema = z.strictObject(critiqueShape).superRefine(scoreWithinScale);
export type CritiqueFields = z.output<typeof critiqueFieldsSchema>;

const MAX_BATCH_ITEMS = 500;
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

/** A batch item names its image by id or by sha256 (exactly one) beside the critique's fields. */
export const batchItemSchema = z
  .strictObject({
    image_id: z.uuid("image_id must be a UUID").optional(),
    sha256: sha256Schema.optional(),
    ...critiqueShape,
  })
  .superRefine((value, context) => {
    if ((value.image_id === undefined) === (value.sha256 === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["image_id"],
        message: "give exactly one of image_id or sha256",
      });
    }
    scoreWithinScale(value, context);
  });

/** Items are checked one by one afterwards, so one bad item is reported with its index, not as the whole body. */
export const critiqueBatchSchema = z.strictObject({
  items: z
    .array(z.unknown())
    .min(1, "items must not be empty")
    .max(MAX_BATCH_ITEMS, `items must hold at most ${MAX_BATCH_ITEMS} critiques`),
});

// The batch as the OpenAPI document describes it.
export const critiqueBatchDocumentSchema = z.object({
  items: z.array(batchItemSchema).min(1).max(MAX_BATCH_ITEMS),
});
