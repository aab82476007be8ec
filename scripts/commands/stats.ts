// `stats [--json] [--model M] [--status S] [--run R] [--days N] …`: the library's numbers (lib/insights).
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { formatBytes } from "@/lib/format/format-bytes";
import { loadLibraryStats } from "@/lib/insights/load-library-stats";
import { libraryStatsQuerySchema, type StatsGroup } from "@/lib/insights/stats-input";
import { loadCliConfig } from "./cli-config";

export const STATS_USAGE =
  "stats [--json] [--<filter> value…] [--top N] [--days N]   counts, bytes, approval and throughput (filters as GET /api/v1/images)";

const FILTERS = Object.keys(libraryStatsQuerySchema.shape);

export async function runStats(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: "boolean", default: false },
      ...Object.fromEntries(FILTERS.map((name) => [name, { type: "string" as const }])),
    },
  });
  const { json, ...filters } = values;
  const query = libraryStatsQuerySchema.safeParse(filters);
  if (!query.success) {
    console.error(`${query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n")}
usage: npm run cli -- ${STATS_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 4 });
  try {
    const result = await loadLibraryStats(db, query.data);
    if (!result.ok) {
      console.error(result.error.message);
      return 2;
    }
    const stats = result.value;
    if (json) {
      console.log(JSON.stringify(stats, null, 2));
      return 0;
    }
    const { storage } = stats;
    console.log(`${count(stats.totals.images)} live images, ${size(stats.totals.bytes)}`);
    console.log(
      `Storage (rows): originals ${count(storage.originals.objects)} / ${size(storage.originals.bytes)}, variants ${count(storage.variants.objects)} / ${size(storage.variants.bytes)}, trash ${count(storage.trash.images)} / ${size(storage.trash.bytes)}`,
    );
    table("By status", stats.by_status);
    table("By model", stats.by_model);
    table("By run", stats.by_run);
    table("By generator", stats.by_generator);
    table("By dataset", stats.by_dataset);
    table("By trained-on dataset version", stats.by_trained_on);
    table("By week", stats.by_week);
    console.log("\nReview throughput (decisions per reviewer and day)");
    for (const row of stats.review_throughput) console.log(`  ${row.day}  ${row.reviewer}  ${row.decisions}`);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

const count = (value: number) => value.toLocaleString("en");
const size = formatBytes;

function table(title: string, groups: StatsGroup[]): void {
  console.log(`\n${title}`);
  for (const group of groups) {
    const percent = (value: number) => `${Math.round(value * 100)}%`;
    const interval = group.approval_interval;
    const bounds = interval ? ` (${percent(interval.low)}–${percent(interval.high)})` : "";
    const rate = group.approval_rate === null ? "—" : `${percent(group.approval_rate)} approved${bounds}`;
    console.log(
      `  ${group.name.padEnd(40)} ${count(group.images).padStart(9)}  ${size(group.bytes).padStart(10)}  ${rate}`,
    );
  }
}
