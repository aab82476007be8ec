import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportBuilds, sha256Claims } from "@/lib/db/schema";
import { listObjects, putObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { createDataset } from "../create-dataset";
import { freezeDatasetVersion } from "../freeze-dataset-version";
import { ingestTestImages } from "../testing/ingest-test-images";
import { exportVersionArchive } from "./export-version-archive";
import { exportVersionFolder } from "./export-version-folder";
import { readZipEntries } from "./testing/read-zip-entries";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-export-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const records = await ingestTestImages(context, 5);
const created = await createDataset(context.db, {
  name: "export me",
  image_ids: records.map((record) => record.id),
});
if (!created.ok) throw new Error(created.error.message);
await freezeDatasetVersion(context.db, created.value.id, {});

const ZIP64_END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x06, 0x06]);

/** The archive of a finished export (the test fails on anything else). */
function readyArchive(result: Awaited<ReturnType<typeof exportVersionArchive>>) {
  if (!result.ok) throw new Error(result.error.message);
  if (result.value.status !== "ready") throw new Error(`still building: ${JSON.stringify(result.value)}`);
  return result.value;
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

function expectUnzipAccepts(zip: Buffer, name: string): void {
  const hasUnzip = (() => {
    try {
      execFileSync("sh", ["-c", "command -v unzip"]);
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasUnzip) return;
  const zipPath = path.join(scratch, name);
  writeFileSync(zipPath, zip);
  expect(execFileSync("unzip", ["-t", zipPath]).toString()).toMatch(/No errors detected/);
}

async function hashFolder(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, sha256(await readFile(path.join(dir, name)))])),
  );
}

describe("exporting a frozen version", () => {
  it("writes images, captions and a manifest; a re-export is byte-identical", async () => {
    const dir = path.join(scratch, "out");
    const first = await exportVersionFolder(deps, { dataset: "export me", version: 1, dir });
    expect(first).toMatchObject({ ok: true, value: { images: 5, version: 1 } });
    const hashes = await hashFolder(dir);
    expect(Object.keys(hashes)).toHaveLength(11);
    const manifest = (await readFile(path.join(dir, "manifest.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as { file_name: string; sha256: string; caption: string; object_key: string },
      );
    expect(manifest.map((line) => line.sha256)).toEqual(records.map((record) => record.sha256).sort());
    for (const line of manifest) {
      expect(hashes[line.file_name]).toBe(line.sha256);
      expect(await readFile(path.join(dir, line.file_name.replace(/\.png$/, ".txt")), "utf8")).toBe(
        line.caption,
      );
    }
    expect(await exportVersionFolder(deps, { dataset: "export me", dir })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });

    await rm(dir, { recursive: true });
    await exportVersionFolder(deps, { dataset: created.value.id, dir });
    expect(await hashFolder(dir)).toEqual(hashes);
  });

  it("builds the ZIP once in the bucket, named by the manifest hash, and reuses it", async () => {
    const first = readyArchive(await exportVersionArchive(deps, { dataset: "export me", version: 1 }));
    expect(first).toMatchObject({ fileName: "export_me-v1.zip", reused: false });
    expect(first.key).toMatch(/^exports\/[0-9a-f]{64}\.zip$/);
    const again = await exportVersionArchive(deps, { dataset: created.value.id });
    expect(again).toMatchObject({ ok: true, value: { key: first.key, reused: true } });

    const zip = await download(first.url);
    const dir = path.join(scratch, "for-zip");
    await exportVersionFolder(deps, { dataset: "export me", dir });
    const entries = await readZipEntries(zip);
    expect(Object.fromEntries(entries.map((entry) => [entry.name, sha256(entry.data)]))).toEqual(
      await hashFolder(dir),
    );
    const originals = new Map(records.map((record) => [record.sha256, record]));
    for (const entry of entries.filter((each) => each.name.endsWith(".png"))) {
      expect(originals.has(sha256(entry.data))).toBe(true);
    }
    expectUnzipAccepts(zip, "export.zip");
    // Not a ZIP64 archive unless it needs one: no ZIP64 end-of-central-directory record.
    expect(zip.includes(ZIP64_END_OF_DIRECTORY)).toBe(false);
  });

  it("writes ZIP64 records when forced, and readers still accept the archive", async () => {
    const result = readyArchive(await exportVersionArchive(deps, { dataset: "export me", forceZip64: true }));
    const zip = await download(result.url);
    expect(zip.includes(ZIP64_END_OF_DIRECTORY)).toBe(true);
    const entries = await readZipEntries(zip);
    expect(entries).toHaveLength(11);
    const manifest = entries.find((entry) => entry.name === "manifest.jsonl")?.data.toString("utf8") ?? "";
    for (const line of manifest.trim().split("\n")) {
      const { file_name, sha256: expected } = JSON.parse(line) as { file_name: string; sha256: string };
      expect(sha256(entries.find((entry) => entry.name === file_name)?.data ?? Buffer.alloc(0))).toBe(
        expected,
      );
    }
    expectUnzipAccepts(zip, "export64.zip");
  });

  it("aborts on a sha256 mismatch with a clear error", async () => {
    const victim = records[0];
    await putObject(context.storage, {
      key: victim?.object_key ?? "",
      body: new Uint8Array([1, 2, 3]),
      contentType: "image/png",
    });
    const result = await exportVersionFolder(deps, {
      dataset: "export me",
      dir: path.join(scratch, "corrupt"),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/sha256 mismatch/) },
    });
    // Another manifest (one image only), so no archive built before the corruption answers for it.
    const alone = await createDataset(context.db, { name: "corrupt", image_ids: [victim?.id ?? ""] });
    if (!alone.ok) throw new Error(alone.error.message);
    await freezeDatasetVersion(context.db, alone.value.id, {});
    const exportKeys = async () => {
      const keys: string[] = [];
      for await (const object of listObjects(context.storage, "exports/")) keys.push(object.key);
      return keys;
    };
    const before = await exportKeys();
    const archive = await exportVersionArchive(deps, { dataset: "corrupt" });
    expect(archive).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/sha256 mismatch/) },
    });
    // The failed build left nothing under any export key, and no claim behind it.
    expect(await exportKeys()).toEqual(before);
    expect(await context.db.select().from(sha256Claims)).toEqual([]);
    expect(await context.db.select().from(exportBuilds)).toEqual([]);
  });
});
