// `npm run bench:phash`: near-duplicate lookup on 1,000,000 perceptual hashes (the four band indexes), against a
// full scan of the same table computing every distance (the baseline), on a throwaway stack.

import { createHash } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { findNearHashes } from "@/lib/images/similar/find-similar-images";
import { bandColumns } from "@/lib/images/similar/perceptual-hash";
import { percentile } from "./percentile";
import { startBenchStack } from "./stack";

const ROWS = Number(process.env.BENCH_PHASH_ROWS ?? 1_000_000);
const QUERIES = 200;
const PLANTED = 5;

function randomHash(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return BigInt.asIntN(64, Buffer.from(bytes).readBigUInt64BE());
}

function flip(hash: bigint, bits: number): bigint {
  let value = BigInt.asUintN(64, hash);
  for (let bit = 0; bit < bits; bit++) value ^= 1n << BigInt((bit * 9 + 5) % 64);
  return BigInt.asIntN(64, value);
}

const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-phash-"));
// The embedded Postgres runs as its own user (as root), so it must be able to enter the folder.
await chmod(scratch, 0o755);
const stack = await startBenchStack(scratch, { poolMax: 4 });
try {
  const seedStarted = performance.now();
  // Random 64-bit hashes from md5, bands computed the way lib/images/similar/perceptual-hash.ts does.
  await stack.db.execute(sql`
    insert into images (sha256, bucket, object_key, content_type, byte_size, width, height, source, phash,
      phash_band0, phash_band1, phash_band2, phash_band3)
    select encode(sha256(('phash-' || g)::bytea), 'hex'), 'lightbox', 'originals/bench/' || g || '.png',
      'image/png', 1000, 64, 64, 'api', h,
      (h & 65535)::int, ((h >> 16) & 65535)::int, ((h >> 32) & 65535)::int, ((h >> 48) & 65535)::int
    from (select g, ('x' || substr(md5(g::text), 1, 16))::bit(64)::bigint as h
          from generate_series(1, ${ROWS}) as g) as seeded`);
  await stack.db.execute(sql`analyze images`);
  const seedMs = performance.now() - seedStarted;

  // Planted near-duplicates: each query hash has PLANTED neighbours 1..7 bits away; recall must be total.
  const queries = Array.from({ length: QUERIES }, randomHash);
  let planted = 0;
  for (const [index, query] of queries.slice(0, 20).entries()) {
    for (let copy = 1; copy <= PLANTED; copy++) {
      const near = flip(query, 1 + ((copy + index) % 7));
      await stack.db.insert(images).values({
        sha256: createHash("sha256").update(`planted-${index}-${copy}`).digest("hex"),
        bucket: "lightbox",
        objectKey: `originals/planted/${index}-${copy}.png`,
        contentType: "image/png",
        byteSize: 1000,
        width: 64,
        height: 64,
        source: "api",
        ...bandColumns(near),
      });
      planted++;
    }
  }

  const indexed: number[] = [];
  let found = 0;
  for (const [index, query] of queries.entries()) {
    const started = performance.now();
    const near = await findNearHashes(stack.db, query, { limit: 50 });
    indexed.push(performance.now() - started);
    if (index < 20) found += Math.min(near.length, PLANTED);
  }
  const scanned: number[] = [];
  for (const query of queries.slice(0, 5)) {
    const started = performance.now();
    await stack.db.execute(sql`
      select id from images where bit_count((phash # ${query.toString()}::bigint)::bit(64)) <= 7 limit 50`);
    scanned.push(performance.now() - started);
  }
  indexed.sort((a, b) => a - b);
  scanned.sort((a, b) => a - b);
  const p50 = percentile(indexed, 0.5);
  console.log(`rows: ${ROWS.toLocaleString("en")} (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(
    `banded lookup: p50 ${p50.toFixed(2)} ms, p95 ${percentile(indexed, 0.95).toFixed(2)} ms, p99 ${percentile(indexed, 0.99).toFixed(2)} ms over ${QUERIES} queries`,
  );
  console.log(
    `full scan (baseline): p50 ${percentile(scanned, 0.5).toFixed(1)} ms over ${scanned.length} queries`,
  );
  console.log(`ratio scan/banded (p50): ${(percentile(scanned, 0.5) / p50).toFixed(0)}x`);
  console.log(`recall on planted near-duplicates (1-7 bits): ${found}/${planted}`);
  if (found !== planted) process.exitCode = 1;
} finally {
  await stack.stop();
  await rm(scratch, { recursive: true, force: true });
}
