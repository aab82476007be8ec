import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { critiques } from "@/lib/db/schema";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { recordReview } from "@/lib/review/record-review";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { getObjectBytes, listObjects } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";
import { createTestContext } from "@/lib/testing/test-context";
import { runRestore } from "@/scripts/commands/backup";
import { readManifest } from "./backup-manifest";
import { createBackup } from "./create-backup";
import { listTables, quoteIdentifier } from "./list-tables";
import { restoreBackup } from "./restore-backup";

const source = await createTestContext();
const target = await createTestContext();
const busyTarget = await createTestContext();
const dir = await mkdtemp(path.join(os.tmpdir(), "lightbox-backup-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("backup and restore drill", () => {
  it("restores a populated stack into an empty one with identical rows and bytes", async () => {
    await populate(8);
    const first = await createBackup(
      { databaseUrl: source.config.database.url, storage: source.storage },
      dir,
    );
    expect(first.missingObjects).toEqual([]);
    expect(first.reused).toBe(0);
    // A pg_dump archive of the same snapshot only with a pg_dump as new as the server (Debian 12 has 15).
    const { pgDump } = (await readManifest(dir)) ?? {};
    if (pgDump && "skipped" in pgDump) expect(pgDump.skipped).toMatch(/older than the server|no pg_dump/);
    else expect(pgDump?.bytes).toBeGreaterThan(0);

    // Incremental: a second run copies only the objects of what was ingested since.
    await populate(2);
    const second = await createBackup(
      { databaseUrl: source.config.database.url, storage: source.storage },
      dir,
    );
    expect(second.reused).toBe(first.objects);
    expect(second.copied).toBe(second.objects - first.objects);
    expect(second.copied).toBeGreaterThan(0);

    const restored = await restoreBackup(
      { databaseUrl: target.config.database.url, storage: target.storage },
      dir,
    );
    if (!restored.ok) throw new Error(restored.error.message);

    const sourceCounts = await countRows(source.config.database.url);
    expect(await countRows(target.config.database.url)).toEqual(sourceCounts);
    for (const table of ["images", "image_variants", "reviews", "critiques", "dataset_versions"]) {
      expect(sourceCounts[table], table).toBeGreaterThan(0);
    }
    const sourceObjects = await hashBucket(source.storage);
    expect(await hashBucket(target.storage)).toEqual(sourceObjects);
    const bytesCompared = Object.values(sourceObjects).reduce((sum, object) => sum + object.bytes, 0);

    const doctor = await runDoctor(
      { db: target.db, storage: target.storage, limits: target.config.limits },
      { verifyChecksums: true, orphanGraceMs: 0 },
    );
    if (!doctor.ok) throw new Error(doctor.error.message);
    expect(doctor.value.status).toBe("clean");
    expect(doctor.value.checked.images).toBe(sourceCounts.images);

    const rows = Object.values(sourceCounts).reduce((sum, count) => sum + count, 0);
    console.log(
      `backup/restore drill: ${Object.keys(sourceCounts).length} tables, ${rows} rows identical; ` +
        `${Object.keys(sourceObjects).length} objects, ${bytesCompared} bytes compared by sha256; ` +
        `second backup copied ${second.copied} objects (${second.copiedBytes} bytes) and reused ${second.reused}; ` +
        `pg_dump archive: ${second.pgDump}; restore read back ${restored.value.objects} objects (${restored.value.bytesCompared} bytes); doctor --verify-checksums clean`,
    );
  });

  it("takes a consistent backup while images are being ingested: it restores clean", async () => {
    const busyDir = await mkdtemp(path.join(os.tmpdir(), "lightbox-backup-busy-"));
    try {
      const ingesting = ingestTestImages(source, 6);
      const during = await createBackup(
        { databaseUrl: source.config.database.url, storage: source.storage },
        busyDir,
      );
      await ingesting;
      expect(during.missingObjects).toEqual([]);
      // The snapshot was taken mid-way: it holds fewer images than the source has now.
      const snapshotImages = (await readManifest(busyDir))?.tables.find(
        (table) => table.name === "images",
      )?.rows;
      expect(snapshotImages).toBeLessThan((await countRows(source.config.database.url)).images ?? 0);
      const restored = await restoreBackup(
        { databaseUrl: busyTarget.config.database.url, storage: busyTarget.storage },
        busyDir,
      );
      if (!restored.ok) throw new Error(restored.error.message);
      const doctor = await runDoctor(
        { db: busyTarget.db, storage: busyTarget.storage, limits: busyTarget.config.limits },
        { verifyChecksums: true, orphanGraceMs: 0 },
      );
      expect(doctor.ok && doctor.value.status).toBe("clean");
    } finally {
      await rm(busyDir, { recursive: true, force: true });
    }
  });

  it("refuses a target that is not empty (the CLI says why and exits 1), and a damaged backup", async () => {
    const intoSource = await restoreBackup(
      { databaseUrl: source.config.database.url, storage: source.storage },
      dir,
    );
    expect(intoSource).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(!intoSource.ok && intoSource.error.message).toMatch(/database is not empty \(rows in .*images/);
    expect(!intoSource.ok && intoSource.error.message).toMatch(/bucket .* is not empty/);

    // process.env names the target (the last test context made): `npm run cli -- restore` into it again.
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await runRestore([dir])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join("\n")).toMatch(/^Refusing to restore: the database is not empty/);

    const manifest = await readManifest(dir);
    const images = manifest?.tables.find((table) => table.name === "images");
    await writeFile(path.join(dir, images?.file ?? ""), "tampered\n");
    const damaged = await restoreBackup(
      { databaseUrl: target.config.database.url, storage: target.storage },
      dir,
    );
    expect(damaged).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(!damaged.ok && damaged.error.message).toMatch(/images\.copy does not match its sha256/);
  });
});

async function populate(imageCount: number): Promise<void> {
  const ingested = await ingestTestImages(source, imageCount);
  const reviewer = await insertTestReviewer(source.db);
  for (const image of ingested) {
    const review = await recordReview(source.db, reviewer, {
      action: "decide",
      imageId: image.id,
      decision: "approve",
    });
    if (!review.ok) throw new Error(review.error.message);
    await source.db.insert(critiques).values({
      imageId: image.id,
      critic: "aesthetic",
      criticVersion: "1",
      score: 4.5,
      decision: "approve",
    });
  }
  const dataset = await createDataset(source.db, {
    name: `drill-${Date.now()}-${imageCount}`,
    image_ids: ingested.map((image) => image.id),
  });
  if (!dataset.ok) throw new Error(dataset.error.message);
  const frozen = await freezeDatasetVersion(source.db, dataset.value.id, { note: "drill" });
  if (!frozen.ok) throw new Error(frozen.error.message);
}

async function countRows(databaseUrl: string): Promise<Record<string, number>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const counts: Record<string, number> = {};
    for (const table of await listTables(sql)) {
      const [row] = await sql.unsafe<{ count: number }[]>(
        `select count(*)::int as count from ${quoteIdentifier(table.name)}`,
      );
      counts[table.name] = row?.count ?? 0;
    }
    return counts;
  } finally {
    await sql.end();
  }
}

async function hashBucket(storage: Storage): Promise<Record<string, { sha256: string; bytes: number }>> {
  const hashes: Record<string, { sha256: string; bytes: number }> = {};
  for await (const object of listObjects(storage, "")) {
    const bytes = await getObjectBytes(storage, object.key);
    if (!bytes.ok) throw new Error(bytes.error.message);
    hashes[object.key] = {
      sha256: createHash("sha256").update(bytes.value).digest("hex"),
      bytes: bytes.value.length,
    };
  }
  return hashes;
}
