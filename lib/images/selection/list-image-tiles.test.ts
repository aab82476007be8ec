import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordCritiques } from "@/lib/critics/record-critiques";
import { criticGaps, images } from "@/lib/db/schema";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { saveTag } from "@/lib/tags/save-tag";
import { createTestContext } from "@/lib/testing/test-context";
import { countImages } from "./count-images";
import { findImageCursor } from "./find-image-cursor";
import { type ImageSelection, parseImageSelection } from "./image-filter";
import { listImageTiles } from "./list-image-tiles";

const context = await createTestContext();
const { db } = context;
const deps = { db, storage: context.storage };
const viewer = await insertTestReviewer(db);
// Each test's images carry a model of their own, so tests never see each other's rows.
const tagged = (suffix: string) => `model-${suffix}-${Math.random().toString(36).slice(2)}`;

async function listAll(query: ImageSelection, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await listImageTiles(deps, { selection: query, viewerId: viewer.id, cursor, limit });
    if (!page.ok) throw new Error(page.error.message);
    ids.push(...page.value.items.map((item) => item.id));
    cursor = page.value.nextCursor;
  } while (cursor);
  return ids;
}

describe("listImageTiles", () => {
  it("walks every sort in keyset pages with no gaps or repeats, equal timestamps included", async () => {
    const model = tagged("keyset");
    const createdAt = new Date("2024-05-01T12:00:00.123456Z");
    const ids = [
      ...(await insertTestImages(db, 5, { model, createdAt })),
      ...(await insertTestImages(db, 6, { model })),
    ];
    for (const [index, imageId] of ids.slice(0, 4).entries()) {
      await recordReview(db, viewer, { action: "score", imageId, score: (index % 5) + 1 });
    }
    for (const sort of ["newest", "oldest", "score"] as const) {
      const all = await listAll(parseImageSelection({ model, sort }), 100);
      const paged = await listAll(parseImageSelection({ model, sort }), 3);
      expect(paged, sort).toEqual(all);
      expect(new Set(paged).size).toBe(ids.length);
    }
    const byScore = await listAll(parseImageSelection({ model, sort: "score" }), 4);
    expect(byScore[0]).toBe(ids[3]);
  });

  it("walks the gap sort through its two ranges, per critic and over all, forwards, backwards and from an image", async () => {
    const model = tagged("gap");
    const critic = `gap-${model}`;
    const other = `other-${model}`;
    const ids = await insertTestImages(db, 12, { model });
    // approved images scored low and rejected ones scored high disagree; equal gaps tie on the id.
    const cases: [ReviewStatus, number, number][] = [
      ["approved", 0.1, 0.9],
      ["approved", 0.3, 0.2],
      ["rejected", 0.9, 0.4],
      ["rejected", 0.7, 0.95],
      ["approved", 0.3, 0.9],
      ["rejected", 0.7, 0.1],
      ["approved", 0.9, 0.9],
      ["unreviewed", 0.1, 0.1],
    ];
    for (const [index, [status, score, otherScore]] of cases.entries()) {
      const imageId = ids[index] ?? "";
      await db.update(images).set({ reviewStatus: status }).where(eq(images.id, imageId));
      await recordCritiques(db, null, [
        { imageId, critic, critic_version: "1", score, scale: "0-1", reasons: [], raw: {} },
        {
          imageId,
          critic: other,
          critic_version: "1",
          score: otherScore,
          scale: "0-1",
          reasons: [],
          raw: {},
        },
      ]);
    }
    // The order by definition: the kept gap, -1 for images without a disagreement, then the id, both descending.
    const expected = async (gapCritic: string, onlyDisagreeing: boolean) => {
      const rows = await db
        .select({ id: images.id, gap: criticGaps.gap })
        .from(images)
        .leftJoin(criticGaps, and(eq(criticGaps.imageId, images.id), eq(criticGaps.critic, gapCritic)))
        .where(inArray(images.id, ids));
      return rows
        .filter((row) => !onlyDisagreeing || row.gap !== null)
        .sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || b.id.localeCompare(a.id))
        .map((row) => row.id);
    };
    for (const [params, gapCritic] of [
      [{ critic }, critic],
      [{}, ""],
      [{ critic, disagreement: "any" }, critic],
      [{ disagreement: "any" }, ""],
      [{ critic, disagreement: "critic_approved" }, critic],
    ] as const) {
      const query = parseImageSelection({ model, sort: "gap", ...params });
      const all = await listAll(query, 100);
      const want = await expected(gapCritic, "disagreement" in params);
      const direction = "disagreement" in params ? params.disagreement : "none";
      expect(all, JSON.stringify(params)).toEqual(
        direction === "critic_approved"
          ? want.filter((id) => cases[ids.indexOf(id)]?.[0] === "rejected")
          : want,
      );
      for (const limit of [1, 2, 5]) expect(await listAll(query, limit), `${limit} a page`).toEqual(all);
      // Backwards from an image (review mode's ←), and resuming at it.
      const at = all[4];
      if (!at) continue;
      const cursor = await findImageCursor(db, query, at);
      const back = await listImageTiles(deps, {
        selection: query,
        viewerId: viewer.id,
        cursor,
        limit: 3,
        direction: "before",
      });
      expect(back.ok && back.value.items.map((item) => item.id)).toEqual(all.slice(1, 4));
      const resumed = await listImageTiles(deps, {
        selection: query,
        viewerId: viewer.id,
        cursor,
        limit: 3,
        inclusive: true,
      });
      expect(resumed.ok && resumed.value.items.map((item) => item.id)).toEqual(all.slice(4, 7));
    }
    // A prompt search on the gap sort keeps the order (page-conditions.ts walks the sort, then searches).
    const lit = ids.filter((_, index) => index % 3 !== 0);
    await db.update(images).set({ prompt: "a lighthouse at dusk" }).where(inArray(images.id, lit));
    const everything = await listAll(parseImageSelection({ model, sort: "gap", critic }), 100);
    const searched = parseImageSelection({ model, sort: "gap", critic, q: "lighthouse" });
    for (const limit of [2, 100]) {
      expect(await listAll(searched, limit)).toEqual(everything.filter((id) => lit.includes(id)));
    }
  });

  it("pages backwards from a cursor and resumes at an image", async () => {
    const model = tagged("back");
    await insertTestImages(db, 7, { model });
    const query = parseImageSelection({ model });
    const all = await listAll(query, 100);
    const at = await findImageCursor(db, { sort: "newest" }, all[4] ?? "");
    const forward = await listImageTiles(deps, {
      selection: query,
      viewerId: viewer.id,
      cursor: at,
      limit: 10,
      inclusive: true,
    });
    expect(forward.ok && forward.value.items.map((item) => item.id)).toEqual(all.slice(4));
    const back = await listImageTiles(deps, {
      selection: query,
      viewerId: viewer.id,
      cursor: at,
      limit: 2,
      direction: "before",
    });
    expect(back.ok && back.value.items.map((item) => item.id)).toEqual(all.slice(2, 4));
    expect(back.ok && back.value.nextCursor).toBeTruthy();
  });

  it("filters by model, LoRA, prompt words, date range and score range", async () => {
    const model = tagged("filters");
    const lighthouse = await insertTestImage(db, {
      model,
      prompt: "a lighthouse at dusk",
      loras: [{ name: "film_grain", weight: 0.7 }],
      createdAt: new Date("2023-03-10T08:00:00Z"),
    });
    const forest = await insertTestImage(db, { model, prompt: "a forest in fog" });
    await recordReview(db, viewer, { action: "score", imageId: forest, score: 4 });
    const ids = (params: Record<string, string>) => listAll(parseImageSelection({ model, ...params }), 50);
    expect(await ids({ q: "lighthouse" })).toEqual([lighthouse]);
    expect(await ids({ q: "lighthouse -dusk" })).toEqual([]);
    expect(await ids({ q: "light" })).toEqual([lighthouse]);
    expect(await ids({ lora: "film_grain" })).toEqual([lighthouse]);
    expect(await ids({ created_after: "2023-03-10", created_before: "2023-03-10" })).toEqual([lighthouse]);
    expect(await ids({ created_before: "2023-03-10T07:59:59Z" })).toEqual([]);
    // Links shared before the selection had one vocabulary still show their view.
    expect(await ids({ from: "2023-03-10", to: "2023-03-10" })).toEqual([lighthouse]);
    expect(await ids({ score_min: "3.5", score_max: "5" })).toEqual([forest]);
    expect(await ids({ score_min: "not a number" })).toHaveLength(2);
  });

  it("filters by status (conflicting, unreviewed for me) and by a reviewer's reason tag", async () => {
    const model = tagged("status");
    const other = await insertTestReviewer(db);
    const [conflict, mine, untouched] = await Promise.all([
      insertTestImage(db, { model }),
      insertTestImage(db, { model }),
      insertTestImage(db, { model }),
    ]);
    const tag = await saveTag(db, {
      name: `hands-${model}`,
      kind: "reject_reason",
      color: null,
      hotkey: null,
    });
    if (!tag.ok) throw new Error(tag.error.message);
    await recordReview(db, viewer, { action: "decide", imageId: conflict, decision: "approve" });
    await recordReview(db, other, { action: "decide", imageId: conflict, decision: "reject" });
    await recordReview(db, other, { action: "tag", imageId: conflict, tagIds: [tag.value.id] });
    await recordReview(db, viewer, { action: "decide", imageId: mine, decision: "skip" });
    const ids = (params: Record<string, string>) => listAll(parseImageSelection({ model, ...params }), 50);
    expect(await ids({ status: "conflicting" })).toEqual([conflict]);
    expect(await ids({ status: "unreviewed_me" })).toEqual([untouched]);
    expect(await ids({ tag: tag.value.id })).toEqual([conflict]);
    const count = await countImages(db, { filter: parseImageSelection({ model }), viewerId: viewer.id });
    expect(count).toEqual({ count: 3, capped: false });
    const left = await countImages(db, {
      filter: parseImageSelection({ model }),
      viewerId: other.id,
      undecidedByViewer: true,
    });
    expect(left.count).toBe(2);
  });

  it("refuses a cursor it did not make", async () => {
    const page = await listImageTiles(deps, {
      selection: parseImageSelection({}),
      viewerId: viewer.id,
      cursor: "bogus",
    });
    expect(!page.ok && page.error.code).toBe("invalid_request");
  });

  it("refuses a well-formed cursor whose key the sort cannot cast, instead of failing in SQL", async () => {
    const forged = encodeKeysetCursor({ key: "not a time", id: "00000000-0000-4000-8000-000000000000" });
    for (const sort of ["newest", "score"]) {
      const page = await listImageTiles(deps, {
        selection: parseImageSelection({ sort }),
        viewerId: viewer.id,
        cursor: forged,
      });
      expect(!page.ok && page.error.code).toBe("invalid_request");
    }
  });
});
