import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { critiques, images } from "@/lib/db/schema";
import { isTextCut, textPreview } from "@/lib/images/preview/list-preview";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { readGenerationExtras } from "@/lib/images/record/generation-extras";
import { ok, type Result } from "@/lib/result";
import type { ReviewDetails } from "./review-details";

export const listReviewDetailsSchema = z.object({ ids: z.array(z.uuid()).min(1).max(20) });
export type ListReviewDetailsInput = z.output<typeof listReviewDetailsSchema>;

/**
 * The review panel's settings for images the reviewer already has in the queue (looked up by id, not filtered:
 * every viewer may see any image's metadata), with each critic's latest current score (superseded re-posts are
 * history, not opinion). Long values come as previews (lib/images/list-preview.ts): the panel shows a batch.
 */
export async function listReviewDetails(
  db: Queryable,
  input: ListReviewDetailsInput,
): Promise<Result<ReviewDetails[]>> {
  const [rows, critiqueRows] = await Promise.all([
    db
      .select({
        id: images.id,
        prompt: textPreview(images.prompt, PREVIEW_LIMITS.prompt),
        negativePrompt: textPreview(images.negativePrompt, PREVIEW_LIMITS.negative_prompt),
        model: textPreview(images.model, PREVIEW_LIMITS.name),
        seed: images.seed,
        sampler: textPreview(images.sampler, PREVIEW_LIMITS.name),
        scheduler: textPreview(images.scheduler, PREVIEW_LIMITS.name),
        promptTruncated: isTextCut(images.prompt, PREVIEW_LIMITS.prompt),
        steps: images.steps,
        cfgScale: images.cfgScale,
        loras: images.loras,
        width: images.width,
        height: images.height,
        extras: extrasOfParams,
      })
      .from(images)
      .where(inArray(images.id, input.ids)),
    db
      .select({
        imageId: critiques.imageId,
        critic: critiques.critic,
        score: critiques.score,
        decision: critiques.decision,
      })
      .from(critiques)
      .where(and(inArray(critiques.imageId, input.ids), eq(critiques.isCurrent, true)))
      .orderBy(desc(critiques.createdAt)),
  ]);
  return ok(
    rows.map((row) => {
      const latest = new Map<string, ReviewDetails["critiques"][number]>();
      for (const critique of critiqueRows) {
        if (critique.imageId === row.id && !latest.has(critique.critic))
          latest.set(critique.critic, critique);
      }
      const { extras, ...fields } = row;
      return {
        ...fields,
        ...readGenerationExtras(extras ?? {}),
        seed: row.seed === null ? null : String(row.seed),
        loras: row.loras.map((lora) => (lora.weight === null ? lora.name : `${lora.name}:${lora.weight}`)),
        critiques: [...latest.values()].map(({ critic, score, decision }) => ({ critic, score, decision })),
      };
    }),
  );
}

// Only what readGenerationExtras reads, and of a ComfyUI refiner only its model and first step: `params` is
// whatever the file embedded (the refiner's prompts among it), and a panel's answer stays small.
const extrasOfParams = sql<Record<string, unknown> | null>`jsonb_strip_nulls(jsonb_build_object(
  'refiner', case when jsonb_typeof(${images.params}->'refiner') = 'object' then jsonb_build_object(
    'model', ${images.params}->'refiner'->'model', 'startAtStep', ${images.params}->'refiner'->'startAtStep') end,
  'Refiner', ${images.params}->'Refiner',
  'Refiner switch at', ${images.params}->'Refiner switch at',
  'provenance', ${images.params}->'provenance'))`;
