import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";
import { readSample } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";
import { queueBackfill } from "../derive/image-jobs";
import { runImageJobs } from "../testing/run-image-jobs";
import { reparseImage } from "./reparse-image";
import { reparseImages } from "./reparse-images";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const REFINER_PROMPT = "daytime sky nature dark blue galaxy bottle";

let copies = 0;
/**
 * The refiner sample stored (a copy of its own: a chunk with a counter, so new bytes each time), then made to look
 * as an older parser left it: the refiner's prompt.
 */
async function staleRefiner(): Promise<typeof images.$inferSelect> {
  copies += 1;
  const bytes = insertPngChunks(readSample("comfyui-sdxl-refiner.png"), [textChunk("copy", String(copies))]);
  const stored = await ingestImage(deps, { bytes, source: "api", metadata: {} });
  if (!stored.ok) throw new Error(stored.error.message);
  const [row] = await context.db
    .update(images)
    .set({ prompt: "refiner text" })
    .where(eq(images.id, stored.value.image.id))
    .returning();
  if (!row) throw new Error("no row");
  return row;
}
const promptOf = async (id: string) =>
  (await context.db.select({ prompt: images.prompt }).from(images).where(eq(images.id, id)))[0]?.prompt;

describe("the re-parse as a job", () => {
  it("re-reads every original in slices the workers run, and queues one waiting chain", async () => {
    const row = await staleRefiner();
    await queueBackfill(context.db, "reparse", null);
    // Queued again while the first waits: one job (the queue keeps one waiting job per key).
    await queueBackfill(context.db, "reparse", null);
    // The image's derivation, and one slice that finds every image (fewer than a slice holds).
    expect(await runImageJobs(context)).toEqual({ done: 2, failed: 0, isEmpty: true });
    expect(await promptOf(row.id)).toBe(REFINER_PROMPT);
  });

  it("stops a slice after maxImages, and the next slice goes on from its last id to the end", async () => {
    await staleRefiner();
    await staleRefiner();
    const all = await context.db
      .select({ id: images.id })
      .from(images)
      .where(eq(images.objectState, "present"));
    const first = await reparseImages(deps, { dryRun: true, maxImages: all.length - 1 }, () => {});
    expect(first).toMatchObject({ seen: all.length - 1, isDone: false });
    const rest = await reparseImages(
      deps,
      { dryRun: true, fromId: first.lastId ?? undefined, maxImages: 2 },
      () => {},
    );
    expect(rest).toMatchObject({ seen: 1, isDone: true });
    expect([first.lastId, rest.lastId]).toEqual(
      all
        .map(({ id }) => id)
        .sort()
        .slice(-2),
    );
  });
});

describe("a re-parse acts on the row as it is when it writes", () => {
  it("writes once when two re-parses of one image race (a slice run again beside a --here run)", async () => {
    for (let round = 0; round < 5; round++) {
      const row = await staleRefiner();
      const results = await Promise.all([
        reparseImage(deps, row, { dryRun: false }),
        reparseImage(deps, row, { dryRun: false }),
      ]);
      const written = results.map((result) =>
        result.ok ? result.value.map((change) => change.field) : "failed",
      );
      // Both read the stale row; the one that locks it second finds nothing left to change.
      expect(written.sort()).toEqual([[], ["prompt"]]);
      expect(await promptOf(row.id)).toBe(REFINER_PROMPT);
    }
  });

  it("leaves alone an image found missing, or purged, after the batch read it", async () => {
    const missing = await staleRefiner();
    await context.db.update(images).set({ objectState: "missing" }).where(eq(images.id, missing.id));
    expect(await reparseImage(deps, missing, { dryRun: false })).toEqual({ ok: true, value: [] });
    expect(await promptOf(missing.id)).toBe("refiner text");

    for (let round = 0; round < 5; round++) {
      const row = await staleRefiner();
      await context.db
        .update(images)
        .set({ deletedAt: new Date(Date.now() - 3_600_000) })
        .where(eq(images.id, row.id));
      const [reparsed, purged] = await Promise.all([
        reparseImage(deps, row, { dryRun: false }),
        purgeImage(deps, row.id, {}),
      ]);
      // Purged first: the original is gone (a read error) or the row is (nothing written); never a write to no row.
      if (!reparsed.ok) expect(reparsed.error.code).toBe("not_found");
      expect(purged.ok).toBe(true);
      expect(
        await context.db
          .select()
          .from(images)
          .where(inArray(images.id, [row.id])),
      ).toEqual([]);
    }
  });
});
