import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { imageVariants, uploads } from "@/lib/db/schema";
import { storageUsage } from "@/lib/insights/storage-usage";
import { exportKey } from "@/lib/storage/keys";
import { deleteObject, getObjectBytes, headObject, putObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { getLastDoctorReport } from "./doctor-reports";
import { mergeByKey } from "./merge-by-key";
import { type DoctorProgress, runDoctor } from "./run-doctor";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const HOUR = 3_600_000;
// Objects written by this test are seconds old; "now" two hours ahead puts them past the one-hour grace.
const later = () => new Date(Date.now() + 2 * HOUR);
const thumbOf = (record: { variants: { name: string; object_key: string }[] }) =>
  record.variants.find((variant) => variant.name === "thumb")?.object_key ?? "";

describe("runDoctor", () => {
  it("finds lost, corrupt, orphaned, variant and staging problems; --fix repairs; later runs report the loss", async () => {
    expect(await runDoctor(deps, { now: later() })).toMatchObject({ ok: true, value: { status: "clean" } });
    const [lost, corrupt, silent, variantless, thumbless] = await ingestTestImages(context, 5);
    if (!lost || !corrupt || !silent || !variantless || !thumbless) throw new Error("ingest failed");

    await deleteObject(context.storage, lost.object_key);
    await putObject(context.storage, {
      key: corrupt.object_key,
      body: new Uint8Array([1, 2, 3]),
      contentType: "image/png",
    });
    // same size, other bytes: only a checksum finds it
    const original = await getObjectBytes(context.storage, silent.object_key);
    const flipped = Uint8Array.from(original.ok ? original.value : [], (byte) => byte ^ 0xff);
    await putObject(context.storage, { key: silent.object_key, body: flipped, contentType: "image/png" });
    await deleteObject(context.storage, thumbOf(variantless));
    await context.db.delete(imageVariants).where(eq(imageVariants.imageId, thumbless.id));
    const orphanKey = `originals/ab/${"ab".repeat(32)}.png`;
    await putObject(context.storage, { key: orphanKey, body: new Uint8Array([9]), contentType: "image/png" });
    const [upload] = await context.db
      .insert(uploads)
      .values({
        stagingKey: "staging/abandoned-upload-1",
        contentType: "image/png",
        byteSize: 1,
        expiresAt: new Date(Date.now() - 47 * HOUR),
        createdAt: new Date(Date.now() - 48 * HOUR),
      })
      .returning();
    await putObject(context.storage, {
      key: "staging/abandoned-upload-1",
      body: new Uint8Array([7]),
      contentType: "image/png",
    });

    // The grace period protects young objects: with the real clock, nothing is an orphan yet.
    const young = await runDoctor(deps, { stagingMaxAgeMs: HOUR });
    expect(young.ok && young.value.counts.orphan_object).toBeUndefined();

    const first = await runDoctor(deps, { now: later(), stagingMaxAgeMs: HOUR, examplesPerKind: 5 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.status).toBe("broken");
    expect(first.value.counts).toEqual({
      missing_object: { found: 1, fixed: 0 },
      checksum_mismatch: { found: 1, fixed: 0 },
      missing_variant: { found: 1, fixed: 0 },
      missing_thumb: { found: 1, fixed: 0 },
      // the thumb object of the image whose variant row was deleted is named by no row now
      orphan_object: { found: 2, fixed: 0 },
      stale_staging_object: { found: 1, fixed: 0 },
      stale_pending_upload: { found: 1, fixed: 0 },
    });
    expect(first.value.examples.missing_object).toEqual([
      { imageId: lost.id, key: lost.object_key, fixed: false },
    ]);
    expect(first.value.examples.orphan_object?.map((finding) => finding.key).sort()).toEqual(
      [orphanKey, thumbOf(thumbless)].sort(),
    );
    expect(await getLastDoctorReport(context.db)).toMatchObject({ status: "broken", fix: false });

    const fixed = await runDoctor(deps, {
      now: later(),
      stagingMaxAgeMs: HOUR,
      fix: true,
      verifyChecksums: true,
    });
    if (!fixed.ok) throw new Error(fixed.error.message);
    expect(fixed.value.counts).toMatchObject({
      missing_object: { found: 1, fixed: 1 },
      checksum_mismatch: { found: 2, fixed: 2 },
      missing_variant: { found: 1, fixed: 1 },
      missing_thumb: { found: 1, fixed: 1 },
      orphan_object: { found: 2, fixed: 2 },
    });
    expect(fixed.value.status).toBe("broken");
    expect((await headObject(context.storage, thumbOf(variantless))).ok).toBe(true);
    expect((await headObject(context.storage, thumbOf(thumbless))).ok).toBe(true);
    expect((await headObject(context.storage, orphanKey)).ok).toBe(false);
    expect((await headObject(context.storage, "staging/abandoned-upload-1")).ok).toBe(false);
    const [failedUpload] = await context.db
      .select()
      .from(uploads)
      .where(and(eq(uploads.id, upload?.id ?? "")));
    expect(failedUpload?.status).toBe("failed");

    const after = await runDoctor(deps, {
      now: later(),
      stagingMaxAgeMs: HOUR,
      fix: true,
      verifyChecksums: true,
    });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.status).toBe("broken");
    expect(after.value.counts).toEqual({ marked_missing: { found: 3, fixed: 0 } });
    expect(after.value.examples.marked_missing?.map((finding) => finding.imageId).sort()).toEqual(
      [lost.id, corrupt.id, silent.id].sort(),
    );
    expect(await getLastDoctorReport(context.db)).toMatchObject({
      status: "broken",
      fix: true,
      verify_checksums: true,
    });
  });

  it("walks rows and objects as one byte-ordered merge; export archives are not orphans; reports progress", async () => {
    await ingestTestImages(context, 3);
    // Keys whose byte order differs from a natural-language collation ("A" < "_" < "a", "-" < "0"): if the database
    // sorted them differently from the listing, the merge would report live rows as missing.
    const strays = [
      "originals/AB/stray.png",
      "originals/a_/stray.png",
      "originals/a-/stray.png",
      "originals/é/stray.png",
    ];
    for (const key of strays) {
      await putObject(context.storage, { key, body: new Uint8Array([1]), contentType: "image/png" });
    }
    const archive = exportKey("cd".repeat(32));
    await putObject(context.storage, {
      key: archive,
      body: new Uint8Array([2]),
      contentType: "application/zip",
    });
    const progress: DoctorProgress[] = [];
    const report = await runDoctor(deps, { now: later(), examplesPerKind: 20 }, (each) =>
      progress.push(each),
    );
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.counts.missing_object).toBeUndefined();
    expect(report.value.counts.missing_variant).toBeUndefined();
    expect(report.value.examples.orphan_object?.map((finding) => finding.key)).toEqual(
      expect.arrayContaining(strays),
    );
    expect(report.value.examples.orphan_object?.map((finding) => finding.key)).not.toContain(archive);
    expect(progress.map((each) => each.phase)).toEqual([
      "originals",
      "variants",
      "thumbs",
      "derivations",
      "staging",
    ]);
    expect(progress[0]?.rows).toBe(report.value.checked.images);
    // The bytes line: what the rows record (the stats page's storage figures) beside what was listed.
    const usage = await storageUsage(context.db);
    expect(report.value.bytes?.originals.rows).toBe(usage.originals.bytes);
    expect(report.value.bytes?.variants.rows).toBe(usage.variants.bytes);
    expect(report.value.bytes?.originals.listed).toBeGreaterThanOrEqual(strays.length);
    for (const key of [...strays, archive]) await deleteObject(context.storage, key);
  });
});

describe("mergeByKey", () => {
  const objects = (keys: string[]) =>
    (async function* () {
      for (const key of keys) yield { key, byteSize: 1, lastModified: null };
    })();
  const rows = (keys: string[]) =>
    (async function* () {
      for (const objectKey of keys) yield { objectKey };
    })();

  it("pairs equal keys and keeps the rest on their side", async () => {
    const pairs = [];
    for await (const pair of mergeByKey(rows(["a", "c", "d"]), objects(["b", "c", "e"]))) {
      pairs.push(`${pair.key}:${pair.row ? "r" : ""}${pair.object ? "o" : ""}`);
    }
    expect(pairs).toEqual(["a:r", "b:o", "c:ro", "d:r", "e:o"]);
  });

  it("refuses a stream that is not in byte order", async () => {
    await expect(async () => {
      for await (const _ of mergeByKey(rows(["a"]), objects(["b", "a"]))) {
        // drain
      }
    }).rejects.toThrow(/not in byte order/);
  });
});
