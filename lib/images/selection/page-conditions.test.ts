import { describe, expect, it } from "vitest";
import { listImages, listImagesQuerySchema } from "@/lib/images/lists/list-images";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { findImageCursor } from "./find-image-cursor";
import { type ImageSelection, parseImageSelection } from "./image-filter";
import { listImageTiles } from "./list-image-tiles";

const context = await createTestContext();
const { db } = context;
const deps = { db, storage: context.storage };
const viewer = await insertTestReviewer(db);
const tagged = (suffix: string) => `model-${suffix}-${Math.random().toString(36).slice(2)}`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

async function listAll(
  selection: ImageSelection,
  limit: number,
  direction?: "before",
  from?: string | null,
): Promise<string[]> {
  let ids: string[] = [];
  let cursor = from ?? null;
  do {
    const page = await listImageTiles(deps, { selection, viewerId: viewer.id, cursor, limit, direction });
    if (!page.ok) throw new Error(page.error.message);
    const pageIds = page.value.items.map((item) => item.id);
    // Each page keeps view order; walking back, every page comes before the ones already read.
    ids = direction === "before" ? [...pageIds, ...ids] : [...ids, ...pageIds];
    cursor = page.value.nextCursor;
  } while (cursor);
  return ids;
}

describe("a page of a prompt search", () => {
  it("is the same whether its rows come from the walk or the bitmap, in every indexed sort and both ways", async () => {
    const model = tagged("search-sorts");
    const matching: string[] = [];
    for (let hour = 0; hour < 15; hour += 1) {
      const prompt = hour % 3 === 2 ? "a forest in fog" : "a lighthouse at dusk";
      const [id = ""] = await insertTestImages(db, 1, { model, prompt, createdAt: hoursAgo(hour) });
      if (prompt.includes("lighthouse")) matching.push(id);
      if (hour % 4 === 0)
        await recordReview(db, viewer, { action: "score", imageId: id, score: (hour % 5) + 1 });
    }
    for (const sort of ["newest", "oldest", "score"] as const) {
      const selection = parseImageSelection({ model, sort, q: "light" });
      // A page of 2 finds its 3 rows (one to see a next page) in the walk; a page of 100 needs the bitmap.
      const all = await listAll(selection, 100);
      expect(new Set(all), sort).toEqual(new Set(matching));
      expect(await listAll(selection, 2), sort).toEqual(all);
      const last = await findImageCursor(db, { sort }, all.at(-1) ?? "");
      expect(await listAll(selection, 2, "before", last), sort).toEqual(all.slice(0, -1));
    }
    expect(await listAll(parseImageSelection({ model }), 100)).toHaveLength(15);
  });

  it("finds the matches that lie beyond the rows one walk reads", async () => {
    const model = tagged("search-beyond");
    const [newest = ""] = await insertTestImages(db, 1, {
      model,
      prompt: "a lighthouse",
      createdAt: hoursAgo(1),
    });
    await insertTestImages(db, 2100, { model, prompt: "a forest in fog", createdAt: hoursAgo(2) });
    const oldest = await insertTestImages(db, 3, { model, prompt: "a lighthouse", createdAt: hoursAgo(3) });
    const selection = parseImageSelection({ model, q: "lighthouse" });
    const paged = await listAll(selection, 2);
    expect(paged[0]).toBe(newest);
    expect(new Set(paged)).toEqual(new Set([newest, ...oldest]));
    expect(paged).toEqual(await listAll(selection, 100));
    expect(await listAll(parseImageSelection({ model, q: "light", sort: "oldest" }), 2)).toEqual(
      [...paged].reverse(),
    );
    const api = await listImages(deps, listImagesQuerySchema.parse({ model, q: "light", limit: "3" }));
    expect(api.ok && api.value.items.map((item) => item.id)).toEqual(paged.slice(0, 3));
  });
});
