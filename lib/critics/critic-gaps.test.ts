import { eq, inArray, sql } from "drizzle-orm";
import type { ReservedSql } from "postgres";
import { describe, expect, it } from "vitest";
import { criticGaps, criticSettings, critiques, images } from "@/lib/db/schema";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { criticApproves, criticRejects } from "./disagreement";
import { recordCritiques } from "./record-critiques";
import { saveCriticThreshold } from "./save-critic-threshold";

const { db } = await createTestContext();
const admin = await insertTestReviewer(db);
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

// The meaning of the gap, computed live from critiques, consensus and thresholds as the disagreement filter and
// sort did before the gap was kept: per critic, and over all critics as ''. Keys are "imageId/critic".
async function liveGaps(imageIds: string[]): Promise<Record<string, number>> {
  const contradicts = sql`((${images.reviewStatus} = 'rejected' and ${criticApproves})
    or (${images.reviewStatus} = 'approved' and ${criticRejects}))`;
  const gap = sql`coalesce(max(abs(case when ${images.reviewStatus} = 'approved' then 1 else 0 end
    - ${critiques.scoreNormalized})), 0)::real`;
  const from = sql`${critiques} join ${images} on ${images.id} = ${critiques.imageId}
    where ${critiques.isCurrent} and ${contradicts} and ${inArray(critiques.imageId, imageIds)}`;
  const rows = await db.execute<{ image_id: string; critic: string; gap: number }>(sql`
    select ${critiques.imageId} as image_id, ${critiques.critic} as critic, ${gap} as gap from ${from}
      group by ${critiques.imageId}, ${critiques.critic}
    union all
    select ${critiques.imageId}, '', ${gap} from ${from} group by ${critiques.imageId}`);
  return Object.fromEntries(rows.map((row) => [`${row.image_id}/${row.critic}`, row.gap]));
}

async function keptGaps(imageIds: string[]): Promise<Record<string, number>> {
  const rows = await db.select().from(criticGaps).where(inArray(criticGaps.imageId, imageIds));
  return Object.fromEntries(rows.map((row) => [`${row.imageId}/${row.critic}`, row.gap]));
}

async function expectKeptAsLive(imageIds: string[], because: string) {
  expect(await keptGaps(imageIds), because).toEqual(await liveGaps(imageIds));
}

const setStatus = (imageId: string, status: ReviewStatus) =>
  db.update(images).set({ reviewStatus: status }).where(eq(images.id, imageId));

const critique = (
  imageId: string,
  critic: string,
  score: number,
  decision?: "approve" | "reject",
  version = "1",
) => ({
  imageId,
  critic,
  critic_version: version,
  score,
  scale: "0-1" as const,
  decision,
  reasons: [],
  raw: {},
});

/** A critique stored before scales existed: a decision (or a skip) and no score. */
const insertLegacyCritique = (imageId: string, critic: string, decision: "approve" | "reject" | "skip") =>
  db.execute(sql`insert into ${critiques} (image_id, critic, critic_version, decision)
    values (${imageId}, ${critic}, 'legacy', ${decision})`);

describe("critic_gaps, kept by the database", () => {
  it("holds the gap the critiques, the consensus and each threshold make, through every kind of change", async () => {
    const [a, b] = [unique("a"), unique("b")];
    const statuses: ReviewStatus[] = ["approved", "rejected", "unreviewed", "conflicting"];
    // Scored critiques, some with a decision that wins over the score; then rows stored before scales existed.
    const verdicts: [number | null, "approve" | "reject" | "skip" | undefined][] = [
      [0, undefined],
      [0.25, undefined],
      [0.5, undefined],
      [0.75, undefined],
      [1, undefined],
      [1, "reject"],
      [0, "approve"],
      [null, "approve"],
      [null, "reject"],
      [null, "skip"],
    ];
    const ids = await insertTestImages(db, statuses.length * verdicts.length);
    for (const [index, imageId] of ids.entries()) {
      const [score, decision] = verdicts[index % verdicts.length] ?? [null, "skip"];
      // Critic b scores the mirror image, so an image can disagree with one critic, both or neither.
      await recordCritiques(db, null, [critique(imageId, b, score === null ? 0.4 : 1 - score)]);
      if (score === null) await insertLegacyCritique(imageId, a, decision ?? "skip");
      else
        await recordCritiques(db, null, [
          critique(imageId, a, score, decision === "skip" ? undefined : decision),
        ]);
    }
    await expectKeptAsLive(ids, "critiques posted on unreviewed images");

    for (const [index, imageId] of ids.entries()) {
      await setStatus(imageId, statuses[Math.floor(index / verdicts.length)] ?? "unreviewed");
    }
    await expectKeptAsLive(ids, "consensus reached");
    expect(Object.keys(await keptGaps(ids)).length).toBeGreaterThan(10);

    await saveCriticThreshold(db, admin, { critic: a, approveThreshold: 0.8 });
    await expectKeptAsLive(ids, "a threshold set");
    await saveCriticThreshold(db, admin, { critic: a, approveThreshold: 0.2 });
    await expectKeptAsLive(ids, "a threshold moved");
    await db.delete(criticSettings).where(eq(criticSettings.critic, a));
    await expectKeptAsLive(ids, "a threshold back to the default");

    // Replaced critiques are history; a second version counts beside the first.
    await recordCritiques(
      db,
      null,
      ids.slice(0, 12).map((imageId) => critique(imageId, a, 0.9)),
    );
    await recordCritiques(
      db,
      null,
      ids.slice(6, 18).map((imageId) => critique(imageId, a, 0.1, undefined, "2")),
    );
    await expectKeptAsLive(ids, "critiques replaced and a second version posted");

    await setStatus(ids[0] ?? "", "rejected");
    await setStatus(ids[1] ?? "", "approved");
    await expectKeptAsLive(ids, "more status changes");
  });

  it("changes nothing when an update leaves verdicts alone, and drops the rows with the image", async () => {
    const imageId = await insertTestImage(db);
    const critic = unique("quiet");
    await setStatus(imageId, "approved");
    await recordCritiques(db, null, [critique(imageId, critic, 0.1)]);
    const before = await keptGaps([imageId]);
    expect(before).toEqual({
      [`${imageId}/${critic}`]: expect.closeTo(0.9, 5),
      [`${imageId}/`]: expect.closeTo(0.9, 5),
    });
    await db.update(images).set({ prompt: "retitled" }).where(eq(images.id, imageId));
    await db
      .update(critiques)
      .set({ reasons: ["blurry"] })
      .where(eq(critiques.imageId, imageId));
    expect(await keptGaps([imageId])).toEqual(before);
    await db.delete(images).where(eq(images.id, imageId));
    expect(await keptGaps([imageId])).toEqual({});
  });
});

// Two transactions that change one image's inputs at once: the first writes and holds its transaction open, the
// second writes (and, with the gap lock, waits for the first); the first commits, then the second. Without the lock
// each computed the gap from a snapshot without the other's write, and the second's stale answer stayed.
async function interleave(
  first: (tx: ReservedSql) => Promise<unknown>,
  second: (tx: ReservedSql) => Promise<unknown>,
) {
  const [one, two] = [await db.$client.reserve(), await db.$client.reserve()];
  try {
    await one`begin`;
    await two`begin`;
    await first(one);
    const [{ pid } = { pid: 0 }] = await two<{ pid: number }[]>`select pg_backend_pid() as pid`;
    let isDone = false;
    const writing = second(two).finally(() => {
      isDone = true;
    });
    for (let waited = 0; !isDone; waited += 1) {
      const [activity] = await db.execute<{ wait: string | null }>(
        sql`select wait_event_type as wait from pg_stat_activity where pid = ${pid}`,
      );
      if (activity?.wait === "Lock") break;
      if (waited > 2000) throw new Error("the second transaction neither waited nor finished");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await one`commit`;
    await writing;
    await two`commit`;
  } finally {
    one.release();
    two.release();
  }
}

const insertCritique = (tx: ReservedSql, imageId: string, critic: string, score: number) =>
  tx`insert into critiques (image_id, critic, critic_version, score, scale, score_normalized)
    values (${imageId}, ${critic}, '1', ${score}, '0-1', ${score})`;

describe("critic_gaps under concurrent writers", () => {
  it("a decision and a critique post on one image, in either order, keep the gap both make", async () => {
    for (const decisionFirst of [true, false]) {
      const imageId = await insertTestImage(db);
      const critic = unique("race");
      const decide = (tx: ReservedSql) =>
        tx`update images set review_status = 'rejected' where id = ${imageId}`;
      const post = (tx: ReservedSql) => insertCritique(tx, imageId, critic, 0.9);
      await (decisionFirst ? interleave(decide, post) : interleave(post, decide));
      await expectKeptAsLive([imageId], decisionFirst ? "decision first" : "critique first");
      expect(Object.keys(await keptGaps([imageId]))).toHaveLength(2);
    }
  });

  it("two critics posting on one image at once keep the largest gap of both as the image's ''", async () => {
    const imageId = await insertTestImage(db);
    await setStatus(imageId, "approved");
    const [a, b] = [unique("first"), unique("second")];
    await interleave(
      (tx) => insertCritique(tx, imageId, a, 0.3),
      (tx) => insertCritique(tx, imageId, b, 0.1),
    );
    await expectKeptAsLive([imageId], "two critics at once");
    expect((await keptGaps([imageId]))[`${imageId}/`]).toBeCloseTo(0.9, 5);
  });

  it("a threshold change and a critique post at once, in either order, keep the gap the new threshold makes", async () => {
    for (const thresholdFirst of [true, false]) {
      const imageId = await insertTestImage(db);
      await setStatus(imageId, "approved");
      const critic = unique("threshold");
      // 0.6 approves at the default threshold (no disagreement) and rejects at 0.8 (gap 0.4).
      const raise = (tx: ReservedSql) =>
        tx`insert into critic_settings (critic, approve_threshold) values (${critic}, 0.8)`;
      const post = (tx: ReservedSql) => insertCritique(tx, imageId, critic, 0.6);
      await (thresholdFirst ? interleave(raise, post) : interleave(post, raise));
      await expectKeptAsLive([imageId], thresholdFirst ? "threshold first" : "critique first");
      expect(Object.keys(await keptGaps([imageId]))).toHaveLength(2);
    }
  });

  it("critique posts, decisions and threshold changes racing on shared images end where the live rule is", async () => {
    const reviewers = await Promise.all([insertTestReviewer(db), insertTestReviewer(db)]);
    const critics = [unique("r1"), unique("r2")];
    for (let round = 0; round < 12; round += 1) {
      const ids = await insertTestImages(db, 3);
      const score = () => Math.round(Math.random() * 100) / 100;
      const reversed = [...ids].reverse();
      await Promise.all([
        // Batches over the same images in opposite orders, beside decisions and a threshold change.
        recordCritiques(
          db,
          null,
          ids.map((imageId) => critique(imageId, critics[0] ?? "", score())),
        ),
        recordCritiques(
          db,
          null,
          reversed.map((imageId) => critique(imageId, critics[1] ?? "", score())),
        ),
        ...ids.map((imageId, index) =>
          recordReview(db, reviewers[index % 2] ?? admin, {
            action: "decide",
            imageId,
            decision: (round + index) % 2 === 0 ? "approve" : "reject",
          }),
        ),
        saveCriticThreshold(db, admin, { critic: critics[round % 2] ?? "", approveThreshold: score() }),
      ]);
      await expectKeptAsLive(ids, `round ${round}`);
    }
  });
});
