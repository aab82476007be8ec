// `npm run bench:doctor`: the doctor over a bucket of tiny objects on a throwaway in-process stack (embedded Postgres,
// s3rver in a child process). Each image is 2 rows and 2 objects (original + thumb). The bucket is seeded in steps
// (BENCH_DOCTOR_STEPS images, cumulative; default 10000,50000 = 100,000 rows and objects at the end) and the doctor
// runs after each step, so the RSS it adds per object (the memory slope) shows whether it is flat. Run with
// --expose-gc (the npm script does), live heap is sampled after a forced GC every 250 ms: the doctor's working set,
// without the garbage RSS also counts. The listing alone is timed too (s3rver's listing is not S3's).
import { createHash } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { originalKey, variantKey } from "@/lib/storage/keys";
import { listObjects, putObject } from "@/lib/storage/objects";
import { startBenchStack } from "./stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const STEPS = (process.env.BENCH_DOCTOR_STEPS || "10000,50000").split(",").map(Number);
const PUT_CONCURRENCY = 32;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const shaOf = (index: number) => createHash("sha256").update(String(index)).digest("hex");

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-doctor-"));
  await chmod(scratch, 0o755);
  const { config, db, storage, stop } = await startBenchStack(scratch, { poolMax: 4 });
  const deps = { db, storage, limits: config.limits };
  const results: { images: number; seconds: number; baseRss: number; peakRss: number; liveHeap: number }[] =
    [];
  try {
    let seeded = 0;
    for (const target of STEPS) {
      const seedStart = performance.now();
      // Rows by SQL: Postgres's sha256(i::text) is the same hash as shaOf(i), so rows and objects line up.
      await db.execute(sql`
        insert into images (sha256, bucket, object_key, content_type, byte_size, width, height, source)
        select h, ${storage.bucket}, 'originals/' || substr(h, 1, 2) || '/' || h || '.png', 'image/png', 1, 1, 1, 'import'
        from (select encode(sha256(i::text::bytea), 'hex') as h from generate_series(${seeded}::int, ${target - 1}::int) i) s`);
      await db.execute(sql`
        insert into image_variants (image_id, name, object_key, content_type, width, height, byte_size)
        select id, 'thumb', 'variants/' || sha256 || '/thumb.webp', 'image/webp', 1, 1, 1
        from images where not exists (select 1 from image_variants v where v.image_id = images.id)`);
      const rowsSeconds = (performance.now() - seedStart) / 1000;
      let next = seeded;
      await Promise.all(
        Array.from({ length: PUT_CONCURRENCY }, async () => {
          while (next < target) {
            const sha = shaOf(next++);
            for (const key of [originalKey(sha, "png"), variantKey(sha, "thumb")]) {
              const put = await putObject(storage, {
                key,
                body: new Uint8Array([1]),
                contentType: "application/octet-stream",
              });
              if (!put.ok) throw new Error(put.error.message);
            }
          }
        }),
      );
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const objects = (target - seeded) * 2;
      console.log(
        `seeded ${target - seeded} images (${objects} rows + ${objects} objects): rows ${rowsSeconds.toFixed(1)} s, ` +
          `objects ${(seedSeconds - rowsSeconds).toFixed(1)} s (${(objects / (seedSeconds - rowsSeconds)).toFixed(0)} PUT/s)`,
      );
      seeded = target;

      const listStarted = performance.now();
      let listed = 0;
      for (const prefix of ["originals/", "variants/"]) {
        for await (const _ of listObjects(storage, prefix, { pageSize: 1000 })) listed += 1;
      }
      const listSeconds = (performance.now() - listStarted) / 1000;

      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const baseRss = process.memoryUsage().rss;
      const baseHeap = process.memoryUsage().heapUsed;
      let peakRss = baseRss;
      let peakHeap = baseHeap;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 25);
      const heapSampler = setInterval(() => {
        if (!gc) return;
        gc();
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }, 250);
      const started = performance.now();
      let ticks = 0;
      const report = await runDoctor(deps, { now: new Date(Date.now() + 2 * 3_600_000) }, () => {
        ticks += 1;
      });
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      clearInterval(heapSampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (!report.ok) throw new Error(report.error.message);
      console.log(
        `doctor over ${target * 2} rows / ${report.value.checked.objects} objects: ${seconds.toFixed(1)} s ` +
          `(${((target * 4) / seconds).toFixed(0)} keys/s), status ${report.value.status}, ${ticks} progress reports, ` +
          `RSS ${mb(baseRss)} before, peak ${mb(peakRss)} (+${mb(peakRss - baseRss)})` +
          (gc
            ? `, live heap after GC ${mb(baseHeap)} before, peak ${mb(peakHeap)} (+${mb(peakHeap - baseHeap)})`
            : "") +
          `; listing the ${listed} objects alone took ${listSeconds.toFixed(1)} s`,
      );
      results.push({ images: target, seconds, baseRss, peakRss, liveHeap: peakHeap - baseHeap });
    }
    const [first, last] = [results[0], results.at(-1)];
    if (first && last && last !== first) {
      const slope = (last.peakRss - first.peakRss) / ((last.images - first.images) * 2);
      console.log(
        `\nmemory slope: ${slope.toFixed(1)} bytes of peak RSS per extra object (${mb(first.peakRss)} at ${first.images * 2} objects, ${mb(last.peakRss)} at ${last.images * 2}))`,
      );
      console.log(
        `process peak RSS (whole run, seeding included): ${mb(process.resourceUsage().maxRSS * 1024)}`,
      );
    }
  } finally {
    await stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
