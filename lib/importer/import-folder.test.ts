import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { formatImportProgress } from "./format-progress";
import { type ImportProgress, importFolder } from "./import-folder";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-import-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file under `root` with its sha256, size and mtime: what "the source folder is unchanged" means. */
async function fingerprint(root: string): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const info = await stat(full);
    const digest = entry.isFile() ? sha256(await readFile(full)) : "dir";
    lines.push(`${path.relative(root, full)} ${digest} ${info.size} ${info.mtimeMs}`);
  }
  return lines.sort();
}

async function writePngs(folder: string, count: number, prefix = "img"): Promise<Uint8Array[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const bytes = await makeTestPng(index % 3 === 0 ? { parameters: A1111_PARAMETERS } : {});
      await writeFile(path.join(folder, `${prefix}-${String(index).padStart(3, "0")}.png`), bytes);
      return bytes;
    }),
  );
}

describe("importFolder", () => {
  it("imports a legacy folder: embedded metadata, sidecars, one duplicate, a corrupt file, a bad sidecar", async () => {
    const folder = path.join(scratch, "legacy");
    const pngs = await writePngs(folder, 40);
    await writePngs(path.join(folder, "sub"), 7, "nested");
    await copyFile(path.join(folder, "img-000.png"), path.join(folder, "copy-of-000.png"));
    await writeFile(
      path.join(folder, "corrupt.png"),
      Buffer.concat([Buffer.from(pngs[1] ?? []).subarray(0, 60)]),
    );
    await writeFile(path.join(folder, "bad-sidecar.png"), await makeTestPng());
    await writeFile(path.join(folder, "bad-sidecar.json"), JSON.stringify({ seed: -1 }));
    await writeFile(path.join(folder, "img-001.txt"), "  a red fox,\n  in snow \n");
    await writeFile(path.join(folder, "img-003.txt"), "caption that must not replace the A1111 prompt");
    await writeFile(
      path.join(folder, "img-002.json"),
      JSON.stringify({ model: "sidecar-model", seed: 42, tags: ["from-json"] }),
    );
    await writeFile(path.join(folder, "notes.md"), "not an image");
    const before = await fingerprint(folder);

    const progress: ImportProgress[] = [];
    const result = await importFolder(
      deps,
      { folder, recursive: true, run: "legacy-2023", tags: ["imported"], concurrency: 4 },
      (update) => progress.push(update),
    );
    if (!result.ok) throw new Error(result.error.message);
    const summary = result.value;
    expect(summary).toMatchObject({ total: 50, done: 50, imported: 47, duplicates: 1, failed: 2 });
    expect(summary.interrupted).toBe(false);
    expect(summary.failures).toEqual([
      { path: "bad-sidecar.png", reason: expect.stringMatching(/bad-sidecar\.json: seed/) },
      { path: "corrupt.png", reason: expect.stringMatching(/decod|truncated|corrupt/i) },
    ]);
    expect(progress).toHaveLength(50);
    expect(formatImportProgress(progress.at(-1) as ImportProgress)).toMatch(/^50\/50 100% · [\d.]+ img\/s/);
    expect(await fingerprint(folder)).toEqual(before);

    const [rows] = await context.db.select({ n: count() }).from(images).where(eq(images.source, "import"));
    expect(rows?.n).toBe(47);
    const bySha = async (bytes: Uint8Array | undefined) =>
      (await context.db.query.images.findFirst({
        where: eq(images.sha256, sha256(bytes ?? new Uint8Array())),
      })) ?? null;
    const captioned = await bySha(pngs[1]);
    expect(captioned).toMatchObject({
      prompt: "a red fox, in snow",
      params: { caption: "a red fox, in snow" },
    });
    const embedded = await bySha(pngs[3]);
    expect(embedded?.prompt).toContain("lighthouse");
    expect(embedded?.params).toMatchObject({ caption: "caption that must not replace the A1111 prompt" });
    const sidecar = await bySha(pngs[2]);
    expect(sidecar).toMatchObject({ model: "sidecar-model", seed: "42", source: "import" });
    const tagged = await context.db.query.imageTags.findMany({
      where: (table, { eq }) => eq(table.imageId, sidecar?.id ?? ""),
    });
    expect(tagged).toHaveLength(2);
  });

  it("resumes an interrupted import (limit, then abort) without duplicates", async () => {
    const folder = path.join(scratch, "resume");
    const pngs = await writePngs(folder, 12);
    const first = await importFolder(deps, { folder, limit: 4, concurrency: 2 });
    expect(first.ok && first.value).toMatchObject({ done: 4, imported: 4, interrupted: true });

    const controller = new AbortController();
    const second = await importFolder(
      deps,
      { folder, concurrency: 1 },
      (update) => update.done >= 6 && controller.abort(),
      controller.signal,
    );
    expect(second.ok && second.value).toMatchObject({
      done: 6,
      imported: 2,
      duplicates: 4,
      interrupted: true,
    });

    const third = await importFolder(deps, { folder, concurrency: 4 });
    expect(third.ok && third.value).toMatchObject({ done: 12, imported: 6, duplicates: 6, failed: 0 });
    for (const bytes of pngs) {
      const [row] = await context.db
        .select({ n: count() })
        .from(images)
        .where(eq(images.sha256, sha256(bytes)));
      expect(row?.n).toBe(1);
    }
  });

  it("answers not_found for a path that is not a folder", async () => {
    const result = await importFolder(deps, { folder: path.join(scratch, "nope") });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("importFolder --run on files already stored", () => {
  it("reports them as duplicates and adds them to the run, or says why not", async () => {
    const folder = path.join(scratch, "rerun");
    await writePngs(folder, 2, "rerun");
    const first = await importFolder(deps, { folder });
    expect(first.ok && first.value).toMatchObject({ imported: 2, duplicates: 0 });

    const run = `rerun-${Date.now()}`;
    const again = await importFolder(deps, { folder, run });
    expect(again.ok && again.value).toMatchObject({
      imported: 0,
      duplicates: 2,
      addedToRun: 2,
      notAddedToRun: [],
    });

    const other = await importFolder(deps, { folder, run: `${run}-other` });
    expect(other.ok && other.value).toMatchObject({ duplicates: 2, addedToRun: 0 });
    expect(other.ok && other.value.notAddedToRun.map((entry) => entry.reason)).toEqual([
      `already in run “${run}” (an image belongs to one run)`,
      `already in run “${run}” (an image belongs to one run)`,
    ]);
  });
});
