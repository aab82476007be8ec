import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { putObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { createDataset } from "../create-dataset";
import { freezeDatasetVersion } from "../freeze-dataset-version";
import { ingestTestImages } from "../testing/ingest-test-images";
import { exportVersionFolder } from "./export-version-folder";
import { exportVersionZip } from "./export-version-zip";
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

  it("streams the same files as a ZIP that unzip accepts, identical on every export", async () => {
    const download = async () => {
      const result = await exportVersionZip(deps, { dataset: "export me", version: 1 });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.fileName).toBe("export_me-v1.zip");
      const chunks: Buffer[] = [];
      for await (const chunk of result.value.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const zip = await download();
    expect(sha256(await download())).toBe(sha256(zip));
    const entries = readZipEntries(zip);
    const dir = path.join(scratch, "for-zip");
    await exportVersionFolder(deps, { dataset: "export me", dir });
    const folder = await hashFolder(dir);
    expect(Object.fromEntries(entries.map((entry) => [entry.name, sha256(entry.data)]))).toEqual(folder);

    const zipPath = path.join(scratch, "export.zip");
    await import("node:fs/promises").then((fs) => fs.writeFile(zipPath, zip));
    const hasUnzip = (() => {
      try {
        execFileSync("sh", ["-c", "command -v unzip"]);
        return true;
      } catch {
        return false;
      }
    })();
    if (hasUnzip) expect(execFileSync("unzip", ["-t", zipPath]).toString()).toMatch(/No errors detected/);
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
    const zip = await exportVersionZip(deps, { dataset: "export me" });
    if (!zip.ok) throw new Error(zip.error.message);
    await expect(async () => {
      for await (const _ of zip.value.stream) {
        // drain until the corrupt entry errors the stream
      }
    }).rejects.toThrow(/sha256 mismatch/);
  });
});
