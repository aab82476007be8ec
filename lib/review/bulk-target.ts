import "server-only";
import { and, desc, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { criticNameSchema } from "@/lib/critics/critic-name";
import { criticApproves, criticRejects } from "@/lib/critics/disagreement";
import type { Queryable } from "@/lib/db/client";
import { critiques, images } from "@/lib/db/schema";
import type { BulkRule } from "@/lib/enums/bulk-rule";
import { checkViewerFor, imageConditions } from "@/lib/images/selection/image-conditions";
import { parseImageSelection, toSelectionSearchParams } from "@/lib/images/selection/image-filter";
import { ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";

/** The most images one bulk change may reach: a morning's new images, several times over. */
export const BULK_REVIEW_LIMIT = 2000;

const view = storableString().max(4000);

/**
 * Which images a bulk change reaches: ids picked by hand, a near-duplicate group but the one kept, every image
 * of a view (its query string, read by the one image selection), or the images of a view the critics all approve
 * (or all reject) that the reviewer has not decided yet.
 */
export const bulkTargetSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("picked"),
    imageIds: z.array(z.uuid()).min(1, "select some images first").max(1000),
  }),
  z.object({
    kind: z.literal("duplicates"),
    keep: z.uuid(),
    imageIds: z.array(z.uuid()).min(2, "a group holds at least two images").max(BULK_REVIEW_LIMIT),
  }),
  z.object({ kind: z.literal("view"), view }),
  z.object({
    kind: z.literal("critics"),
    view,
    verdict: z.enum(["approve", "reject"]),
    critic: criticNameSchema.optional(),
  }),
]);
export type BulkTarget = z.output<typeof bulkTargetSchema>;

/** The rule a target records with its bulk change (the view in its canonical URL form). */
export function ruleOf(target: BulkTarget): BulkRule {
  if (target.kind === "picked") return { kind: "picked" };
  if (target.kind === "duplicates") return { kind: "duplicates", kept: target.keep };
  const canonical = toSelectionSearchParams(selectionOf(target.view)).toString();
  return target.kind === "view"
    ? { kind: "view", view: canonical }
    : { kind: "critics", view: canonical, critic: target.critic ?? null };
}

/**
 * The live images the target reaches now, newest first, at most BULK_REVIEW_LIMIT + 1 (one more says "too
 * many"). Read again where the change is made, so a confirmation is checked against the view as it is then.
 */
export async function resolveBulkTarget(
  db: Queryable,
  reviewerId: string,
  target: BulkTarget,
): Promise<Result<string[]>> {
  const where = whereOf(reviewerId, target);
  if (!where.ok) return where;
  const rows = await db
    .select({ id: images.id })
    .from(images)
    .where(where.value)
    .orderBy(desc(images.createdAt), desc(images.id))
    .limit(BULK_REVIEW_LIMIT + 1);
  return ok(rows.map((row) => row.id));
}

function whereOf(reviewerId: string, target: BulkTarget): Result<SQL> {
  if (target.kind === "picked" || target.kind === "duplicates") {
    const ids =
      target.kind === "picked" ? target.imageIds : target.imageIds.filter((id) => id !== target.keep);
    return ok(and(inArray(images.id, ids), sql`${images.deletedAt} is null`) ?? sql`false`);
  }
  const { sort: _sort, ...filter } = selectionOf(target.view);
  const checked = checkViewerFor(filter, reviewerId);
  if (!checked.ok) return checked;
  if (target.kind === "view") return ok(imageConditions(checked.value, { viewerId: reviewerId }));
  const undecided = imageConditions(checked.value, { viewerId: reviewerId, undecidedByViewer: true });
  return ok(and(undecided, criticsAgree(target.verdict, target.critic)) ?? undecided);
}

function selectionOf(query: string) {
  return parseImageSelection(Object.fromEntries(new URLSearchParams(query)));
}

/**
 * At least one current critique (of `critic`, when named) and every one of them gives `verdict`: its decision,
 * or its normalised score against the critic's threshold (lib/critics/disagreement.ts). A critique with neither
 * counts as not agreeing.
 */
function criticsAgree(verdict: "approve" | "reject", critic: string | undefined): SQL {
  const ofImage = sql`${critiques.imageId} = ${images.id} and ${critiques.isCurrent}
    ${critic ? sql`and ${critiques.critic} = ${critic}` : sql``}`;
  const says = verdict === "approve" ? criticApproves : criticRejects;
  return sql`(exists (select 1 from ${critiques} where ${ofImage})
    and not exists (select 1 from ${critiques} where ${ofImage} and coalesce(${says}, false) = false))`;
}
