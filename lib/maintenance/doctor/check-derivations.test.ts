import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images, imageVariants } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { makeTestPng, makeUndecodablePng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { runDoctor } from "./run-doctor";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };

async function post(bytes: Uint8Array): Promise<string> {
  const result = await ingestImage(deps, { bytes, source: "api", metadata: {} });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image.id;
}

const postedAnHourAgo = (id: string) =>
  context.db.execute(sql`update images set created_at = now() - interval '1 hour' where id = ${id}`);

describe("the doctor and derived work", () => {
  it("reports derivations overdue (with what their job says) and failed ones; --fix derives the overdue", async () => {
    const waiting = await post(await makeTestPng());
    const lostJob = await post(await makeTestPng());
    const fresh = await post(await makeTestPng());
    await postedAnHourAgo(waiting);
    await postedAnHourAgo(lostJob);
    await context.db.execute(sql`delete from pgboss.job where singleton_key = ${lostJob}`);

    const report = await runDoctor(deps, { examplesPerKind: 10 });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.status).toBe("broken");
    expect(report.value.counts).toEqual({ overdue_derivation: { found: 2, fixed: 0 } });
    const details = Object.fromEntries(
      (report.value.examples.overdue_derivation ?? []).map((finding) => [finding.imageId, finding.detail]),
    );
    expect(details[waiting]).toMatch(/waits for a worker/);
    expect(details[lostJob]).toBe("no job queued for it");
    expect(details[fresh]).toBeUndefined();

    const fixed = await runDoctor(deps, { fix: true });
    expect(fixed.ok && fixed.value).toMatchObject({
      status: "fixed",
      counts: { overdue_derivation: { found: 2, fixed: 2 } },
    });
    for (const id of [waiting, lostJob]) {
      const [row] = await context.db.select().from(images).where(eq(images.id, id));
      expect(row).toMatchObject({ deriveState: "done", placeholder: expect.stringMatching(/^data:image/) });
      expect(await context.db.select().from(imageVariants).where(eq(imageVariants.imageId, id))).toHaveLength(
        1,
      );
    }
    // The job the doctor overtook finds nothing left to do; the fresh image is the worker's as usual.
    expect(await runImageJobs(context)).toMatchObject({ failed: 0 });
    expect(await runDoctor(deps)).toMatchObject({ ok: true, value: { status: "clean" } });
  });

  it("shows an original the worker could not decode on its row, and the doctor reports it, never silently", async () => {
    const broken = await post(makeUndecodablePng());
    await runImageJobs(context);
    const [row] = await context.db.select().from(images).where(eq(images.id, broken));
    expect(row).toMatchObject({ deriveState: "failed", deriveError: expect.stringMatching(/decode/) });

    const report = await runDoctor(deps, { fix: true });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.status).toBe("broken");
    expect(report.value.counts.failed_derivation).toEqual({ found: 1, fixed: 0 });
    expect(report.value.examples.failed_derivation?.[0]).toMatchObject({
      imageId: broken,
      detail: expect.stringMatching(/decode/),
    });
  });
});
