import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, imageVariants } from "@/lib/db/schema";
import { countWaitingJobs } from "@/lib/jobs/job-queue";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import { createTestContext } from "@/lib/testing/test-context";
import { ingestImage } from "../ingest/ingest-image";
import { purgeImage } from "../lifecycle/purge-image";
import { softDeleteImage } from "../lifecycle/soft-delete-image";
import { runImageJobs } from "../testing/run-image-jobs";
import { makeTestPng } from "../testing/test-images";
import { deriveImage } from "./derive-image";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const RACES = 12;

async function post(bytes?: Uint8Array) {
  const result = await ingestImage(deps, {
    bytes: bytes ?? (await makeTestPng()),
    source: "api",
    metadata: {},
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image;
}

const jobsFor = async (imageId: string) =>
  Number(
    (
      await context.db.execute(
        sql`select count(*)::int as n from pgboss.job where singleton_key = ${imageId}`,
      )
    )[0]?.n,
  );

async function objectsUnder(prefix: string): Promise<number> {
  const page = await context.storage.client.send(
    new ListObjectsV2Command({ Bucket: context.storage.bucket, Prefix: prefix }),
  );
  return page.KeyCount ?? 0;
}

describe("the derivation job", () => {
  it("is queued with its row, in the same transaction, once per image (a re-post queues nothing)", async () => {
    const bytes = await makeTestPng();
    const image = await post(bytes);
    expect(await jobsFor(image.id)).toBe(1);
    const again = await ingestImage(deps, { bytes, source: "api", metadata: {} });
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(await jobsFor(image.id)).toBe(1);
    expect(await countWaitingJobs(context.db, DERIVE_QUEUE)).toBeGreaterThanOrEqual(1);
    expect(await runImageJobs(context)).toMatchObject({ failed: 0, isEmpty: true });
    expect(await countWaitingJobs(context.db, DERIVE_QUEUE)).toBe(0);
    const [row] = await context.db.select().from(images).where(eq(images.id, image.id));
    expect(row?.deriveState).toBe("done");
  });

  it("leaves no job when the row's transaction rolls back", async () => {
    await context.db.execute(sql`create or replace function reject_images() returns trigger language plpgsql as
      $$ begin raise exception 'simulated database failure'; end $$`);
    await context.db.execute(
      sql`create trigger reject_images after insert on images for each row execute function reject_images()`,
    );
    const before = Number((await context.db.execute(sql`select count(*)::int as n from pgboss.job`))[0]?.n);
    try {
      const result = await ingestImage(deps, { bytes: await makeTestPng(), source: "api", metadata: {} });
      expect(result.ok).toBe(false);
    } finally {
      await context.db.execute(sql`drop trigger reject_images on images`);
    }
    expect(Number((await context.db.execute(sql`select count(*)::int as n from pgboss.job`))[0]?.n)).toBe(
      before,
    );
  });

  it(`run twice at once (a retried job beside the doctor) derives once, ${RACES} times over`, async () => {
    for (let race = 0; race < RACES; race += 1) {
      const image = await post(await makeTestPng({ width: 1800, height: 400 }));
      const outcomes = await Promise.all([deriveImage(deps, image.id), deriveImage(deps, image.id)]);
      expect(outcomes.sort()).toEqual(["derived", "skipped"]);
      const [row] = await context.db.select().from(images).where(eq(images.id, image.id));
      expect(row?.deriveState).toBe("done");
      const [variants] = await context.db
        .select({ n: count() })
        .from(imageVariants)
        .where(eq(imageVariants.imageId, image.id));
      expect(variants?.n).toBe(2);
    }
  });

  it(`racing a purge of its image leaves no variant behind, ${RACES} times over`, async () => {
    for (let race = 0; race < RACES; race += 1) {
      const image = await post();
      await softDeleteImage(context.db, image.id);
      const [derived, purged] = await Promise.all([
        deriveImage(deps, image.id).catch((error: unknown) => String(error)),
        purgeImage(deps, image.id, {}),
      ]);
      expect(purged.ok, JSON.stringify(purged)).toBe(true);
      expect(["derived", "skipped"]).toContain(derived);
      expect(await objectsUnder(`variants/${image.sha256}/`)).toBe(0);
      expect(await objectsUnder(image.object_key)).toBe(0);
    }
  });
});
