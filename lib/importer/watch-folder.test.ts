import { createHash } from "node:crypto";
import { mkdir, mkdtemp, open, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import { countImages, expectStoredImage } from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";
import { looksComplete } from "./looks-complete";
import { type WatchEvent, type WatchOptions, watchFolder } from "./watch-folder";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-watch-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OPTIONS = { tags: [], recursive: false, stableMs: 300, folderPollMs: 100, incompleteGraceMs: 20_000 };

/** As ComfyUI's SaveImage (PIL) and A1111 do: open the final name and write the file in pieces. */
async function writeInPieces(file: string, bytes: Uint8Array, pieces = 4) {
  const handle = await open(file, "w");
  const size = Math.ceil(bytes.length / pieces);
  for (let offset = 0; offset < bytes.length; offset += size) {
    await handle.write(bytes.subarray(offset, offset + size));
    await pause(40);
  }
  await handle.close();
}

/** As tools that write a temporary name and rename it into place. */
async function writeThenRename(file: string, bytes: Uint8Array) {
  await writeInPieces(`${file}.partial`, bytes, 3);
  await rename(`${file}.partial`, file);
}

function startWatching(folder: string, options: Partial<WatchOptions> = {}) {
  const events: WatchEvent[] = [];
  const watch = watchFolder(deps, { ...OPTIONS, folder, ...options }, (event) => events.push(event));
  return { watch, events };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

async function storedRow(bytes: Uint8Array) {
  const [row] = await context.db
    .select()
    .from(images)
    .where(eq(images.sha256, sha256(bytes)));
  return row;
}

describe("watchFolder", () => {
  it("imports what a generator writes, once each file is complete, with its sidecars", async () => {
    const folder = path.join(scratch, "output");
    await mkdir(folder);
    const { watch, events } = startWatching(folder, { run: "watched", tags: ["comfy"] });
    await watch.ready;
    const pieces = await Promise.all(
      Array.from({ length: 5 }, () => makeTestPng({ width: 160, height: 120 })),
    );
    const renamed = await Promise.all(
      Array.from({ length: 3 }, () => makeTestPng({ parameters: A1111_PARAMETERS })),
    );
    await Promise.all([
      ...pieces.map((bytes, index) => writeInPieces(path.join(folder, `ComfyUI_${index}_.png`), bytes)),
      ...renamed.map((bytes, index) => writeThenRename(path.join(folder, `a1111-${index}.png`), bytes)),
      writeFile(path.join(folder, "a1111-0.txt"), "a red fox in snow"),
      writeFile(path.join(folder, "notes.md"), "not an image"),
    ]);
    const all = [...pieces, ...renamed];
    await until(async () => watch.counts().imported === all.length, "every file imported");
    await watch.close();

    expect(events.filter((event) => event.type === "failed")).toEqual([]);
    for (const bytes of all) {
      const row = await storedRow(bytes);
      if (!row) throw new Error("not stored");
      await expectStoredImage(deps, { id: row.id, sha256: row.sha256, object_key: row.objectKey });
      expect(row.source).toBe("import");
    }
    const withCaption = await storedRow(renamed[0] ?? new Uint8Array());
    expect(withCaption?.params).toMatchObject({ caption: "a red fox in snow" });
    expect(withCaption?.prompt).toBe("a lighthouse at dusk, <lora:film_grain:0.7>");
    expect(watch.counts()).toEqual({ imported: 8, duplicates: 0, failed: 0, waiting: 0 });
  });

  it("leaves a file that stopped mid-write alone until its writer finishes it", async () => {
    const folder = path.join(scratch, "slow-writer");
    await mkdir(folder);
    const { watch, events } = startWatching(folder);
    await watch.ready;
    const bytes = await makeTestPng({ width: 200, height: 150 });
    const file = path.join(folder, "slow.png");
    const handle = await open(file, "w");
    await handle.write(bytes.subarray(0, bytes.length - 100));
    const started = Date.now();
    // Longer than the settle time: the watcher sees a file whose size held still, but which ends too early.
    await until(() => events.length > 0 || Date.now() - started > 3 * OPTIONS.stableMs, "a quiet spell");
    expect(watch.counts()).toMatchObject({ imported: 0, failed: 0 });
    await handle.write(bytes.subarray(bytes.length - 100));
    await handle.close();
    await until(() => watch.counts().imported === 1, "the finished file");
    await watch.close();
    expect(events.filter((event) => event.type === "failed")).toEqual([]);
    expect((await storedRow(bytes))?.byteSize).toBe(bytes.length);
  });

  it("resumes after a restart without storing anything twice, and reports a bad file once", async () => {
    const folder = path.join(scratch, "resume");
    await mkdir(folder);
    const bytes = await Promise.all(Array.from({ length: 4 }, () => makeTestPng()));
    await Promise.all(bytes.map((file, index) => writeFile(path.join(folder, `${index}.png`), file)));
    await writeFile(path.join(folder, "broken.png"), Buffer.from("\x89PNG\r\n\x1a\nnot really"));

    const first = startWatching(folder, { incompleteGraceMs: 500 });
    await until(
      () => first.watch.counts().imported === 4 && first.watch.counts().failed === 1,
      "the first pass",
    );
    await first.watch.close();
    const second = startWatching(folder, { incompleteGraceMs: 500 });
    await until(
      () => second.watch.counts().duplicates === 4 && second.watch.counts().failed === 1,
      "the second",
    );
    await second.watch.close();

    for (const file of bytes) expect(await countImages(context.db, sha256(file))).toBe(1);
    const failures = [...first.events, ...second.events].filter((event) => event.type === "failed");
    expect(failures).toEqual([
      { type: "failed", path: path.join(folder, "broken.png"), reason: expect.stringMatching(/./) },
      { type: "failed", path: path.join(folder, "broken.png"), reason: expect.stringMatching(/./) },
    ]);
  });

  it("waits while the folder is gone and carries on when it is back", async () => {
    const folder = path.join(scratch, "moving");
    const away = path.join(scratch, "moved-away");
    await mkdir(folder);
    const { watch, events } = startWatching(folder);
    await watch.ready;
    const before = await makeTestPng();
    await writeFile(path.join(folder, "before.png"), before);
    await until(() => watch.counts().imported === 1, "the first file");

    await rename(folder, away);
    await until(
      () => events.some((event) => event.type === "folder" && event.state === "missing"),
      "missing",
    );
    const meanwhile = await makeTestPng();
    await writeFile(path.join(away, "meanwhile.png"), meanwhile);
    await rename(away, folder);
    await until(() => watch.counts().imported === 2, "the file written while it was away");
    await watch.close();
    expect(await countImages(context.db, sha256(before))).toBe(1);
    expect(await countImages(context.db, sha256(meanwhile))).toBe(1);
  });
});

describe("looksComplete", () => {
  it("tells a file cut short from a whole one, for PNG, JPEG and WebP", async () => {
    const png = await makeTestPng();
    expect(looksComplete(png)).toBe(true);
    expect(looksComplete(png.subarray(0, png.length - 5))).toBe(false);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    expect([looksComplete(jpeg), looksComplete(jpeg.subarray(0, 6))]).toEqual([true, false]);
    const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([8, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);
    expect([looksComplete(webp), looksComplete(webp.subarray(0, 14))]).toEqual([true, false]);
  });
});
