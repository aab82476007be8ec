import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { importFolder } from "@/lib/importer/import-folder";
import { countWaitingJobs } from "@/lib/jobs/job-queue";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import { createTestContext } from "@/lib/testing/test-context";
import { runImageJobs } from "../testing/run-image-jobs";
import { makeTestPng } from "../testing/test-images";
import { completeUpload, createUpload } from "../uploads/direct-uploads";
import { ingestImage } from "./ingest-image";

const context = await createTestContext();
const LIMIT = 3;
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-capacity-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/**
 * Deps with a backlog limit of LIMIT, each on a pool of its own: the backlog count is cached per pool for half a
 * second, and a fresh pool asks afresh.
 */
function freshDeps() {
  const db = createDatabase({ ...context.config.database, poolMax: 2 });
  afterAll(() => closeDatabase(db));
  return { db, storage: context.storage, limits: { ...context.config.limits, ingestBacklog: LIMIT } };
}
const post = async (deps: ReturnType<typeof freshDeps>, bytes?: Uint8Array) =>
  ingestImage(deps, { bytes: bytes ?? (await makeTestPng()), source: "api", metadata: {} });

describe("backpressure: the derivation backlog bounds new images", () => {
  it("refuses new images with overloaded and a retry delay while the backlog is full, answers duplicates", async () => {
    await runImageJobs(context);
    const filling = freshDeps();
    const first = await makeTestPng();
    expect((await post(filling, first)).ok).toBe(true);
    for (let index = 1; index < LIMIT; index += 1) expect((await post(freshDeps())).ok).toBe(true);
    expect(await countWaitingJobs(context.db, DERIVE_QUEUE)).toBe(LIMIT);

    const full = freshDeps();
    const refused = await post(full);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "overloaded",
        message: `${LIMIT} images are waiting for a worker (the limit is ${LIMIT}); retry after 2 s`,
        details: { retry_after_seconds: 2 },
      },
    });
    // Bytes already stored cost the workers nothing: still answered.
    const duplicate = await post(full, first);
    expect(duplicate.ok && duplicate.value.duplicate).toBe(true);

    await runImageJobs(context);
    expect((await post(freshDeps())).ok).toBe(true);
    await runImageJobs(context);
  });

  it("keeps a direct upload pending when refused, so completing it again later stores it", async () => {
    await runImageJobs(context);
    for (let index = 0; index < LIMIT; index += 1) expect((await post(freshDeps())).ok).toBe(true);
    const deps = freshDeps();
    const bytes = await makeTestPng();
    const ticket = await createUpload(
      deps,
      { apiKeyId: null },
      { content_type: "image/png", byte_size: bytes.length },
    );
    if (!ticket.ok) throw new Error(ticket.error.message);
    await fetch(ticket.value.upload_url, {
      method: "PUT",
      body: Buffer.from(bytes),
      headers: ticket.value.headers,
    });
    const refused = await completeUpload(deps, { apiKeyId: null }, ticket.value.id, {});
    expect(refused).toMatchObject({ ok: false, error: { code: "overloaded" } });
    await runImageJobs(context);
    const completed = await completeUpload(freshDeps(), { apiKeyId: null }, ticket.value.id, {});
    expect(completed.ok && completed.value.duplicate).toBe(false);
    await runImageJobs(context);
  });

  it("an import waits while the backlog is full and stores every file once the workers catch up", async () => {
    await runImageJobs(context);
    const folder = path.join(scratch, "import");
    await mkdir(folder);
    for (let index = 0; index < LIMIT + 3; index += 1) {
      await writeFile(path.join(folder, `file-${index}.png`), await makeTestPng());
    }
    let isImporting = true;
    const importing = importFolder(freshDeps(), { folder, concurrency: 2 }).finally(() => {
      isImporting = false;
    });
    // No worker yet: the import stops at the limit (give or take the files already in flight) and waits.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(isImporting).toBe(true);
    expect(await countWaitingJobs(context.db, DERIVE_QUEUE)).toBeLessThanOrEqual(LIMIT + 2);
    // A worker clears the backlog: the import goes on at its pace.
    while (isImporting) {
      await runImageJobs(context);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const imported = await importing;
    expect(imported.ok && imported.value).toMatchObject({ imported: LIMIT + 3, failures: [] });
  });
});
