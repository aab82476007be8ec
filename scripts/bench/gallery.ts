// `npm run bench:gallery`: the gallery's data function against the bare SQL it runs, on a throwaway stack
// holding 100,000 image rows (BENCH_ROWS to change; BENCH_ROWS=1000000 for a million). Real bytes for a few hundred
// images; the other rows are inserted in a few set-based statements with unique fake hashes and keys (signing never
// reads objects).
//   first page vs a page deep in the scroll (cursor after 90% of the rows), for each view below;
//   each: median of the data function (query + row mapping + signing every thumb URL cold) and of the bare query.
// Then, on the same rows: the API list page beside its SQL (bench-api-list.ts) and experiments beside theirs
// (bench-experiments.ts). The load average is printed with each table: compare ratios measured in one run.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import type { Database } from "@/lib/db/client";
import { images, users } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { countImages } from "@/lib/images/selection/count-images";
import { imageConditions, splitImageConditions } from "@/lib/images/selection/image-conditions";
import { type ImageSelection, parseImageSelection } from "@/lib/images/selection/image-filter";
import { keysetPage } from "@/lib/images/selection/keyset-page";
import { listImageTiles, TILE_PAGE_SIZE } from "@/lib/images/selection/list-image-tiles";
import { selectTileRows } from "@/lib/images/selection/select-tile-rows";
import { encodeKeysetCursor } from "@/lib/pagination/keyset-cursor";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { closeStorage } from "@/lib/storage/storage";
import { benchApiList } from "./api-list";
import { benchExperiments } from "./experiments";
import { BENCH_CRITICS, seedCritiques, seedGalleryRows } from "./gallery-seed";
import { startBenchStack } from "./stack";
import { fmt, loadAverage, medians, RUNS } from "./timing";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const ROWS = Number(process.env.BENCH_ROWS || 100_000);
const REAL = Number(process.env.BENCH_REAL || 300);

async function main() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-gallery-"));
  await chmod(scratch, 0o755);
  const { config, env, db, storage, stop } = await startBenchStack(scratch, { poolMax: 4 });
  try {
    console.log(`ingesting ${REAL} real images, then inserting ${ROWS - REAL} rows…`);
    for (let index = 0; index < REAL; index += 1) {
      const bytes = await sharp(randomBytes(96 * 96 * 3), { raw: { width: 96, height: 96, channels: 3 } })
        .resize(512, 512)
        .png({ compressionLevel: 1 })
        .toBuffer();
      const metadata = {
        prompt: `a lighthouse at dusk, real ${index}`,
        model: `model-${index % 20}`,
        seed: index,
      };
      const result = await ingestImage(
        { db, storage, limits: config.limits },
        { bytes: new Uint8Array(bytes), metadata, source: "api" },
      );
      if (!result.ok) throw new Error(result.error.message);
    }
    const seeded = await timed(() => seedGalleryRows(db, ROWS - REAL));
    const critiqued = await timed(() => seedCritiques(db));
    console.log(
      `seeded in ${seeded.toFixed(1)} s; ${BENCH_CRITICS.length} critics per image in ${critiqued.toFixed(1)} s\n`,
    );
    const [viewer] = await db
      .insert(users)
      .values({ email: "bench@example.com", role: "reviewer" })
      .returning();
    if (!viewer) throw new Error("no viewer");

    const plainView = parseImageSelection({});
    const gapView = parseImageSelection({ disagreement: "any", critic: "aesthetic", sort: "gap" });
    const views: [string, ImageSelection][] = [
      ["no filter", plainView],
      ["model + text search", parseImageSelection({ model: "model-3", q: "lighthouse" })],
      // A half-typed word: prompt words match by prefix (lib/images/selection/prompt-tsquery.ts).
      ["prefix search (light)", parseImageSelection({ q: "light" })],
      ["critic approved, humans rejected", parseImageSelection({ disagreement: "critic_approved" })],
      ["disagreement, one critic, by gap", gapView],
      ["disagreement, any critic, by gap", parseImageSelection({ disagreement: "any", sort: "gap" })],
      // No disagreement filter: the disagreements by gap, then every other image (key -1).
      ["every image, one critic's gap", parseImageSelection({ critic: "aesthetic", sort: "gap" })],
    ];
    console.log(
      `median ms over ${RUNS} runs (load ${loadAverage()})  data fn: cold    warm   bare SQL   data/bare: cold  warm`,
    );
    for (const [name, query] of views) {
      const positions = [
        ["first page", null],
        ["deep page", await deepCursor(db, query, viewer.id)],
      ] as const;
      // Cold: every thumb URL is signed afresh. Warm: signed before in this window (signGetUrl memoizes them), as
      // on a revisit. Samples of both pages alternate between the three so drift on a busy machine hits all alike.
      const times = await medians(
        positions.flatMap(([, cursor]) => [
          () => listTiles({ db, storage: coldCopy(storage) }, query, viewer.id, cursor),
          () => listTiles({ db, storage }, query, viewer.id, cursor),
          () => runBare(db, query, viewer.id, cursor),
        ]),
      );
      for (const [index, [where, cursor]] of positions.entries()) {
        const [data = 0, warm = 0, bare = 1] = times.slice(index * 3, index * 3 + 3);
        if (process.env.BENCH_EXPLAIN) await explain(db, query, viewer.id, cursor);
        const ratios = `${(data / bare).toFixed(2).padStart(10)} ${(warm / bare).toFixed(2).padStart(6)}`;
        console.log(`${`${name}, ${where}`.padEnd(34)} ${fmt(data)} ${fmt(warm)} ${fmt(bare)} ${ratios}`);
      }
      const ratio = (times[3] ?? 0) / (times[0] ?? 1);
      console.log(`${name}: deep / first = ${ratio.toFixed(2)}   (target ≤ 1.5)   load ${loadAverage()}\n`);
    }
    // The gap view against the plain one, their first pages interleaved in one measurement.
    const [plain = 1, byGap = 0] = await medians(
      [plainView, gapView].map((view) => () => listTiles({ db, storage }, view, viewer.id, null)),
    );
    console.log(`by gap / no filter, first pages: ${(byGap / plain).toFixed(2)}   (as fast as the others)\n`);
    for (const [name, query] of views) {
      const [count = 0] = await medians([() => countImages(db, { filter: query, viewerId: viewer.id })]);
      const value = await countImages(db, { filter: query, viewerId: viewer.id });
      console.log(`count (${name}): ${fmt(count)} ms → ${value.count}${value.capped ? "+" : ""}`);
    }
    const keys = Array.from({ length: 100 }, () => `variants/${randomBytes(32).toString("hex")}/thumb.webp`);
    const [signing = 0] = await medians([
      async () => {
        const cold = coldCopy(storage);
        for (const key of keys) await signGetUrl(cold, key);
      },
    ]);
    console.log(`signing 100 thumbnail URLs (cold): ${fmt(signing)} ms   (target < 5 ms)`);
    console.log("(data/bare target ≤ 2)\n");
    await benchApiList({ db, storage, env }, await deepCursor(db, plainView, viewer.id));
    await benchExperiments(db);
    closeStorage(storage);
  } finally {
    await stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A cursor 90% of the way through the view's own rows, in its own sort. */
async function deepCursor(db: Database, query: ImageSelection, viewerId: string): Promise<string | null> {
  const page = keysetPage(query, { cursor: null });
  const where = imageConditions(query, { viewerId });
  const [{ count = 0 } = {}] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(images)
    .where(where);
  const [row] = await db
    .select({ key: page.sortKey, id: images.id })
    .from(images)
    .where(where)
    .orderBy(...page.orderBy)
    .offset(Math.floor(count * 0.9))
    .limit(1);
  return row ? encodeKeysetCursor(row) : null;
}

/** The same SQL text and parameters the data function sends, straight to the driver. */
async function runBare(db: Database, query: ImageSelection, viewerId: string, cursor: string | null) {
  const decoded = cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : null;
  const window = {
    cursor: decoded ? { key: decoded[0], id: decoded[1] } : null,
  };
  const statement = selectTileRows(db, {
    order: query,
    conditions: splitImageConditions(query, { viewerId }),
    window,
    limit: TILE_PAGE_SIZE + 1,
  }).toSQL();
  await db.$client.unsafe(statement.sql, statement.params as never[], { prepare: true });
}

async function explain(db: Database, query: ImageSelection, viewerId: string, cursor: string | null) {
  const decoded = cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : null;
  const window = {
    cursor: decoded ? { key: decoded[0], id: decoded[1] } : null,
  };
  const statement = selectTileRows(db, {
    order: query,
    conditions: splitImageConditions(query, { viewerId }),
    window,
    limit: TILE_PAGE_SIZE + 1,
  }).toSQL();
  const plan = await db.$client.unsafe(
    `explain (analyze, buffers) ${statement.sql}`,
    statement.params as never[],
  );
  console.log(plan.map((row) => row["QUERY PLAN"]).join("\n"));
}

/** A new Storage identity: signGetUrl's per-window memo starts empty, so every URL is really signed. */
const coldCopy = (storage: Storage): Storage => ({ ...storage });

/** A page of tiles that must be full (the views and cursors here always have more rows). */
async function listTiles(
  deps: { db: Database; storage: Storage },
  selection: ImageSelection,
  viewerId: string,
  cursor: string | null,
): Promise<void> {
  const result = await listImageTiles(deps, { selection, viewerId, cursor });
  if (!result.ok || result.value.items.length !== TILE_PAGE_SIZE) throw new Error("expected a full page");
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

await main();
