import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { critiques, images } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { ingestImage } from "../ingest/ingest-image";
import { runImageJobs } from "../testing/run-image-jobs";
import { makeTestPng } from "../testing/test-images";
import { loadImageRecords } from "./image-record";
import { imageRecordFields, toImageRecordWithRelated } from "./image-record-fields";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };

describe("imageRecordFields", () => {
  it("reads in one statement the same record as loadImageRecords: run, tags, variants, current critiques", async () => {
    const bytes = await makeTestPng({ width: 1900, height: 1000 });
    const ingested = await ingestImage(deps, {
      bytes,
      source: "api",
      metadata: { run: `fields-${Date.now()}`, tags: ["zebra", "Apple"] },
    });
    if (!ingested.ok) throw new Error(ingested.error.message);
    const imageId = ingested.value.image.id;
    // The variants are a worker's, made after the 201.
    await runImageJobs(context);
    await context.db.insert(critiques).values([
      { imageId, critic: "sharpness", criticVersion: "1", score: 0.7, scale: "0-1", scoreNormalized: 0.7 },
      {
        imageId,
        critic: "aesthetic",
        criticVersion: "2",
        score: 3.25,
        scale: "1-5",
        scoreNormalized: 0.5625,
        decision: "approve",
        reasons: ["composition"],
        raw: { nested: { value: [1, "two", null] } },
      },
      { imageId, critic: "old", criticVersion: "0", score: 0.1, isCurrent: false, supersededAt: new Date() },
    ]);

    const rows = await context.db.select().from(images).where(eq(images.id, imageId));
    const [batch] = await loadImageRecords(context.db, rows);
    const [row] = await context.db.select(imageRecordFields).from(images).where(eq(images.id, imageId));
    if (!row || !batch) throw new Error("image not found");
    const single = toImageRecordWithRelated(row);
    const byName = (left: { name: string }, right: { name: string }) => (left.name < right.name ? -1 : 1);
    expect({ ...single, variants: [...single.variants].sort(byName) }).toEqual({
      ...batch,
      variants: [...batch.variants].sort(byName),
    });
    expect(single.tags).toEqual(["Apple", "zebra"]);
    expect(single.critiques.map((critique) => critique.critic)).toEqual(["aesthetic", "sharpness"]);
    expect(single.variants).toHaveLength(2);

    // The same fields in an update's RETURNING.
    const [updated] = await context.db
      .update(images)
      .set({ lastPostedAt: sql`now()` })
      .where(eq(images.id, imageId))
      .returning(imageRecordFields);
    expect(updated && toImageRecordWithRelated(updated).critiques).toEqual(batch.critiques);
  });
});
