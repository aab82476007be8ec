import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { completeUpload, createUpload } from "@/lib/images/uploads/direct-uploads";
import { headObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { checkOriginals, type OriginalRow } from "./check-originals";
import type { Finding } from "./doctor-report";
import type { Paired } from "./merge-by-key";
import { runDoctor } from "./run-doctor";

// A library of its own: this test asserts the whole report.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
// Two hours ahead: every object is past the grace periods.
const later = () => new Date(Date.now() + 2 * 3_600_000);

describe("the doctor beside writes it cannot stop", () => {
  it("does not call a new image lost when its row is newer than the listing page (check vs ingest)", async () => {
    const [image] = await ingestTestImages(context, 1);
    if (!image) throw new Error("ingest failed");
    const [found] = await context.db
      .select({
        id: images.id,
        sha256: images.sha256,
        objectKey: images.objectKey,
        byteSize: images.byteSize,
        objectState: images.objectState,
        contentType: images.contentType,
      })
      .from(images)
      .where(eq(images.id, image.id));
    if (!found) throw new Error("no row");
    const row: OriginalRow = found;
    const gone = { ...row, id: "00000000-0000-4000-8000-000000000000", objectKey: "originals/00/gone.png" };
    // The listing page was read before the ingest put its object: the merge pairs the row with no object.
    async function* pairs(): AsyncGenerator<Paired<OriginalRow>> {
      yield { key: row.objectKey, row };
      yield { key: gone.objectKey, row: gone };
    }
    const findings: Finding[] = [];
    await checkOriginals(
      context.storage,
      pairs(),
      { verifyChecksums: true, orphanOlderThan: later() },
      async (finding) => void findings.push(finding),
    );
    expect(findings).toEqual([
      { kind: "missing_object", imageId: gone.id, key: gone.objectKey, fixed: false },
    ]);
  });

  it("classes a staging object re-created by a PUT after its upload completed as collectable, not broken", async () => {
    // A presigned URL cannot be revoked on S3: a client may PUT to it again after complete.
    const bytes = await makeTestPng();
    const ticket = await createUpload(
      deps,
      { apiKeyId: null },
      { content_type: "image/png", byte_size: bytes.length },
    );
    if (!ticket.ok) throw new Error(ticket.error.message);
    const put = () =>
      fetch(ticket.value.upload_url, {
        method: "PUT",
        headers: ticket.value.headers,
        body: Buffer.from(bytes),
      });
    expect((await put()).status).toBe(200);
    const completed = await completeUpload(deps, { apiKeyId: null }, ticket.value.id, {});
    if (!completed.ok) throw new Error(completed.error.message);
    const stagingKey = `staging/${ticket.value.id}`;
    expect((await headObject(context.storage, stagingKey)).ok).toBe(false);
    expect((await put()).status).toBe(200);

    const found = await runDoctor(deps, { now: later() });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.counts).toEqual({ stale_staging_object: { found: 1, fixed: 0 } });
    expect(found.value.status).toBe("clean");
    const fixed = await runDoctor(deps, { now: later(), fix: true });
    expect(fixed).toMatchObject({ ok: true, value: { status: "fixed" } });
    expect((await headObject(context.storage, stagingKey)).ok).toBe(false);
    expect(await runDoctor(deps, { now: later() })).toMatchObject({
      ok: true,
      value: { status: "clean", counts: {} },
    });
  });
});
