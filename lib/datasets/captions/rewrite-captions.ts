import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/lib/db/client";
import { datasetImages, datasets, images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { captionSourceColumns } from "../caption-source";
import { bumpDatasetRevision, lockDatasetForChange } from "../dataset-revision";
import { memberConditions } from "../member-conditions";
import { memberFilterSchema } from "../member-filter";
import {
  type CaptionChangeStart,
  finishCaptionChange,
  startCaptionChange,
  writeCaptionBatch,
} from "./caption-writes";

/** Which captions a bulk step acts on: every member, these ids, the members a workbench filter shows, or both. */
export const captionScopeShape = {
  image_ids: z.array(z.uuid()).min(1).max(10_000).optional(),
  filter: memberFilterSchema.optional(),
};
export type CaptionScope = { image_ids?: string[]; filter?: z.output<typeof memberFilterSchema> };

/** What a bulk step asks of captions a person typed: leave them (the default) or rewrite them too. */
export const handEditedSchema = z.enum(["skip", "overwrite"]).default("skip");

type CaptionMember = {
  imageId: string;
  caption: string;
  prompt: string | null;
  editedAt: Date | null;
};
/** A member's new caption (null: unchanged) and, optionally, why it was left (counted per note). */
type RewriteOutcome = { after: string | null; note?: string };
export type Rewrite = (member: CaptionMember) => RewriteOutcome;

export type RewritePlan = {
  /** Send it back as expected_revision: the step then acts only on the dataset this plan was made from. */
  revision: number;
  in_scope: number;
  changes: number;
  /** Of the changes, captions a person typed: left as they are unless the step says "overwrite". */
  hand_edited: number;
  notes: Record<string, number>;
  /** The first changes, for a diff. */
  samples: { image_id: string; before: string; after: string; hand_edited: boolean }[];
};
export type RewriteApplied = {
  updated: number;
  skipped_hand_edited: number;
  /** Undo it in one step: POST …/caption-changes/{change_id}/undo. Null when nothing changed. */
  change_id: string | null;
  revision: number;
};

const BATCH = 500;
const SAMPLES = 20;

/** The dry run of a bulk step: how many captions it would change, how many of them a person typed, a diff. */
export async function planCaptionRewrite(
  db: Database,
  datasetId: string,
  scope: CaptionScope,
  rewrite: Rewrite,
  options: { withPrompt: boolean },
): Promise<Result<RewritePlan>> {
  // The revision is read before the captions: a change landing between the two makes an apply against this
  // revision refuse, the safe side.
  const revision = await readRevision(db, datasetId);
  if (revision === null) return err("not_found", `Dataset ${datasetId} does not exist`);
  const plan: RewritePlan = { revision, in_scope: 0, changes: 0, hand_edited: 0, notes: {}, samples: [] };
  for (let after: string | null = null; ; ) {
    const members = await readMembers(db, datasetId, scope, after, { ...options, lock: false });
    for (const member of members) {
      plan.in_scope += 1;
      const outcome = rewrite(member);
      if (outcome.note) plan.notes[outcome.note] = (plan.notes[outcome.note] ?? 0) + 1;
      if (outcome.after === null || outcome.after === member.caption) continue;
      plan.changes += 1;
      if (member.editedAt) plan.hand_edited += 1;
      if (plan.samples.length < SAMPLES) {
        plan.samples.push({
          image_id: member.imageId,
          before: member.caption,
          after: outcome.after,
          hand_edited: member.editedAt !== null,
        });
      }
    }
    after = members.at(-1)?.imageId ?? null;
    if (!after || members.length < BATCH) return ok(plan);
  }
}

/**
 * Runs a bulk step in one transaction: the dataset's lock (and, with `expectedRevision`, the check that it is
 * still what the plan showed), then each batch of members locked before it is read, so an edit either landed
 * before (and is the step's input) or waits and then finds its expected caption gone (a conflict). Captions a
 * person typed are left unless `handEdited` is "overwrite". One change row holds every caption written: one undo.
 */
export async function applyCaptionRewrite(
  db: Database,
  datasetId: string,
  scope: CaptionScope,
  rewrite: Rewrite,
  options: {
    withPrompt: boolean;
    expectedRevision?: number;
    handEdited: "skip" | "overwrite";
    change: Omit<CaptionChangeStart, "datasetId">;
  },
): Promise<Result<RewriteApplied>> {
  return db.transaction(async (tx) => {
    const locked = await lockDatasetForChange(tx, datasetId, options.expectedRevision);
    if (!locked.ok) return locked;
    const changeId = await startCaptionChange(tx, { ...options.change, datasetId });
    let updated = 0;
    let skippedHandEdited = 0;
    for (let after: string | null = null; ; ) {
      const members = await readMembers(tx, datasetId, scope, after, { ...options, lock: true });
      const writes = [];
      for (const member of members) {
        const outcome = rewrite(member);
        if (outcome.after === null || outcome.after === member.caption) continue;
        if (member.editedAt && options.handEdited === "skip") {
          skippedHandEdited += 1;
          continue;
        }
        writes.push({
          imageId: member.imageId,
          before: member.caption,
          after: outcome.after,
          editedAtBefore: member.editedAt,
          editedAtAfter: member.editedAt,
        });
      }
      await writeCaptionBatch(tx, { datasetId, changeId }, writes);
      updated += writes.length;
      after = members.at(-1)?.imageId ?? null;
      if (!after || members.length < BATCH) break;
    }
    await finishCaptionChange(tx, changeId, updated);
    const revision = updated > 0 ? await bumpDatasetRevision(tx, datasetId) : locked.value.revision;
    return ok({
      updated,
      skipped_hand_edited: skippedHandEdited,
      change_id: updated > 0 ? changeId : null,
      revision,
    });
  });
}

async function readRevision(db: Queryable, datasetId: string): Promise<number | null> {
  const [row] = await db
    .select({ revision: datasets.revision })
    .from(datasets)
    .where(eq(datasets.id, datasetId));
  return row?.revision ?? null;
}

/** The next batch of members in scope after `after` (by image id); with `lock`, locked before they are read. */
async function readMembers(
  q: Queryable,
  datasetId: string,
  scope: CaptionScope,
  after: string | null,
  options: { withPrompt: boolean; lock: boolean },
): Promise<CaptionMember[]> {
  const query = q
    .select({
      imageId: datasetImages.imageId,
      caption: sql<string>`coalesce(${datasetImages.caption}, '')`,
      editedAt: datasetImages.captionEditedAt,
      prompt: options.withPrompt ? captionSourceColumns.prompt : sql<null>`null`,
    })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(
      and(
        memberConditions(datasetId, scope.filter),
        scope.image_ids ? inArray(datasetImages.imageId, scope.image_ids) : undefined,
        after ? gt(datasetImages.imageId, after) : undefined,
      ),
    )
    .orderBy(asc(datasetImages.imageId))
    .limit(BATCH);
  return options.lock ? query.for("update", { of: datasetImages }) : query;
}
