import { isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { runImageJobs } from "../testing/run-image-jobs";
import { queueBackfill } from "./image-jobs";

const context = await createTestContext();

describe("the perceptual-hash backfill as a job", () => {
  it("hashes the images stored before hashes existed, once queued, and queues nothing twice", async () => {
    await ingestTestImages(context, 3);
    // As rows from before perceptual hashes existed.
    await context.db.execute(
      sql`update images set phash = null, phash_band0 = null, phash_band1 = null, phash_band2 = null, phash_band3 = null`,
    );
    await queueBackfill(context.db, "phash", null);
    // Queued again while the first waits: one job (the queue keeps one waiting job per key).
    await queueBackfill(context.db, "phash", null);
    expect(await runImageJobs(context)).toEqual({ done: 1, failed: 0, isEmpty: true });
    expect(await context.db.select({ id: images.id }).from(images).where(isNull(images.phash))).toEqual([]);
  });
});
