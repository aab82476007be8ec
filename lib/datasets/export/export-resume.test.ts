import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { exportBuildParts, exportBuilds, sha256Claims } from "@/lib/db/schema";
import { deleteObject, headObject, putObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { createDataset } from "../create-dataset";
import { freezeDatasetVersion } from "../freeze-dataset-version";
import { ingestTestImages } from "../testing/ingest-test-images";
import { exportVersionArchive, type VersionArchive } from "./export-version-archive";
import { readZipEntries } from "./testing/read-zip-entries";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
// Tiny parts (s3rver takes parts under S3's 5 MiB minimum), so a small version spans many of them.
const PART_BYTES = 4096;
const sliced = { sliceMs: 0, partBytes: PART_BYTES };

async function frozenDataset(name: string, images: number) {
  const records = await ingestTestImages(context, images);
  const created = await createDataset(context.db, { name, image_ids: records.map((record) => record.id) });
  if (!created.ok) throw new Error(created.error.message);
  await freezeDatasetVersion(context.db, created.value.id, {});
  return records;
}

function answerOf(result: Awaited<ReturnType<typeof exportVersionArchive>>): VersionArchive {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Asks again until the archive is built, as a client following 202 + Retry-After does; every answer seen. */
async function buildSliced(dataset: string) {
  const answers: VersionArchive[] = [];
  for (let request = 0; request < 500; request += 1) {
    const answer = answerOf(await exportVersionArchive(deps, { dataset }, sliced));
    answers.push(answer);
    if (answer.status === "ready") return { answers, archive: answer };
  }
  throw new Error("the export never finished");
}

describe("a resumable export", () => {
  it("built one part per request ends as the archive one request builds, byte for byte", async () => {
    const records = await frozenDataset("sliced", 6);
    const { answers, archive } = await buildSliced("sliced");
    const building = answers.filter((answer) => answer.status === "building");
    expect(building.length).toBeGreaterThan(5);
    const done = building.map((answer) => (answer.status === "building" ? answer.bytesDone : 0));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBe(PART_BYTES);
    const slicedBytes = await download(archive.url);
    expect(await context.db.select().from(exportBuilds)).toEqual([]);

    // The same version again in one request, after the first archive is gone: the same bytes.
    await deleteObject(context.storage, archive.key);
    const whole = answerOf(await exportVersionArchive(deps, { dataset: "sliced" }));
    expect(whole).toMatchObject({ status: "ready", reused: false, key: archive.key });
    if (whole.status !== "ready") return;
    expect((await download(whole.url)).equals(slicedBytes)).toBe(true);
    const entries = await readZipEntries(slicedBytes);
    const images = new Set(records.map((record) => record.sha256));
    expect(entries.filter((entry) => images.has(sha256(entry.data)))).toHaveLength(6);
  });

  it("continues after its builder died: from the last recorded part, once the dead builder's lease lapses", async () => {
    await frozenDataset("crashed", 5);
    for (let request = 0; request < 3; request += 1)
      await exportVersionArchive(deps, { dataset: "crashed" }, sliced);
    const [build] = await context.db.select().from(exportBuilds);
    if (!build) throw new Error("no build recorded");
    const parts = await context.db.select().from(exportBuildParts);
    expect(parts.map((part) => part.partNumber).sort()).toEqual([1, 2, 3]);
    // The builder stored part 3 and died before recording it, still holding its lease.
    await context.db.execute(sql`delete from ${exportBuildParts} where ${exportBuildParts.partNumber} = 3`);
    await context.db.insert(sha256Claims).values({
      sha256: build.manifestSha256,
      token: "00000000-0000-4000-8000-000000000001",
      purpose: "export",
      expiresAt: sql`now() + interval '60 seconds'`,
    });
    // While the lease holds, a request waits briefly, then says how far the build got.
    expect(answerOf(await exportVersionArchive(deps, { dataset: "crashed" }, sliced))).toEqual({
      status: "building",
      bytesDone: 2 * PART_BYTES,
      bytesTotal: build.totalBytes,
    });
    await context.db.execute(sql`update ${sha256Claims} set expires_at = now() - interval '1 second'`);
    const finished = answerOf(
      await exportVersionArchive(deps, { dataset: "crashed" }, { partBytes: PART_BYTES }),
    );
    if (finished.status !== "ready") throw new Error("not finished");
    const zip = await download(finished.url);
    expect(zip.length).toBe(build.totalBytes);
    expect((await readZipEntries(zip)).length).toBe(11);
  });

  it("gives the build up when a resumed part meets a corrupt image: no archive, no build, a clear conflict", async () => {
    const records = await frozenDataset("rotten", 4);
    await exportVersionArchive(deps, { dataset: "rotten" }, sliced);
    const last = records.at(-1);
    await putObject(context.storage, {
      key: last?.object_key ?? "",
      body: new Uint8Array(9_000),
      contentType: "image/png",
    });
    const [build] = await context.db.select().from(exportBuilds);
    const result = await exportVersionArchive(deps, { dataset: "rotten" }, { partBytes: PART_BYTES });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/corrupt/) },
    });
    expect(await context.db.select().from(exportBuilds)).toEqual([]);
    expect(await context.db.select().from(sha256Claims)).toEqual([]);
    expect((await headObject(context.storage, build?.objectKey ?? "")).ok).toBe(false);
  });

  it("builds once when several requests ask for the same version at the same moment", async () => {
    await frozenDataset("crowded", 4);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        exportVersionArchive(deps, { dataset: "crowded" }, { partBytes: PART_BYTES }),
      ),
    ).then((results) => results.map(answerOf));
    const built = answers.filter((answer) => answer.status === "ready" && !answer.reused);
    expect(built).toHaveLength(1);
    // The others waited for the builder and reused its archive, or said how far it got.
    for (const answer of answers) expect(["ready", "building"]).toContain(answer.status);
    const after = answerOf(
      await exportVersionArchive(deps, { dataset: "crowded" }, { partBytes: PART_BYTES }),
    );
    expect(after).toMatchObject({ status: "ready", reused: true });
    if (after.status === "ready") expect((await readZipEntries(await download(after.url))).length).toBe(9);
    expect(await context.db.select().from(exportBuilds)).toEqual([]);
    expect(await context.db.select().from(sha256Claims)).toEqual([]);
  });
});
