import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { critiques, images } from "@/lib/db/schema";
import { agreementRate, type ConfusionMatrix, cohensKappa, confusionMatrix } from "./agreement";
import { criticRows, criticVerdict, humanVerdict } from "./critic-sql";
import { DEFAULT_APPROVE_THRESHOLD } from "./disagreement";
import { listCritics } from "./list-critics";

const VERDICTS = ["approve", "reject"] as const;
const HISTOGRAM_BINS = 20;
const BREAKDOWN_LIMIT = 12;

type VersionSummary = {
  version: string;
  scored: number;
  decided: number;
  meanScore: number | null;
  agreement: number | null;
  kappa: number | null;
};
export type Breakdown = { key: string; decided: number; agreement: number | null }[];
export type CriticReport = {
  critic: string;
  version: string;
  threshold: number;
  summary: VersionSummary;
  matrix: ConfusionMatrix<(typeof VERDICTS)[number]>;
  /** Per tenth of the critic's normalised score: how often humans approved, and their mean score on 0–1. */
  calibration: { bin: number; decided: number; approvalRate: number | null; humanScore: number | null }[];
  histogram: { bin: number; count: number }[];
  byModel: Breakdown;
  byLora: Breakdown;
  /** Every version of this critic, oldest first: how agreement moved. */
  versions: VersionSummary[];
};

// Scores are stored as real (0.7 becomes 0.69999999); the 1e-6 in the bin puts such a score in the bin it names.
type BinRow = {
  bin: number;
  count: number;
  approved: number;
  rejected: number;
  human: number | null;
  humanScored: number;
};
type PairRow = { group: string | null; human: string | null; critic: string | null; count: number };

/**
 * The report of one critic version against the human consensus (approved / rejected images only), computed in
 * SQL over its current critiques. null when the critic (or the version) has no critiques. Default: newest version.
 */
export async function loadCriticReport(
  db: Queryable,
  input: { critic: string; version?: string },
): Promise<CriticReport | null> {
  const known = (await listCritics(db)).find((entry) => entry.critic === input.critic);
  const version = input.version ?? known?.versions[0]?.version;
  if (!known || !version || !known.versions.some((entry) => entry.version === version)) return null;
  const rows = criticRows(input.critic, version);
  const [byVersion, means, bins, byModel, byLora] = await Promise.all([
    db.execute<PairRow>(sql`select ${critiques.criticVersion} as "group", ${humanVerdict} as human,
      ${criticVerdict} as critic, count(*)::int as count from ${criticRows(input.critic)}
      group by 1, 2, 3`),
    db.execute<{ version: string; scored: number; mean: number | null; first: string }>(sql`
      select ${critiques.criticVersion} as version, count(*)::int as scored,
        avg(${critiques.scoreNormalized})::float8 as mean, min(${critiques.createdAt})::text as first
      from ${criticRows(input.critic)} group by 1 order by 4`),
    db.execute<BinRow>(sql`
      select least(floor(${critiques.scoreNormalized}::float8 * ${HISTOGRAM_BINS} + 1e-6), ${HISTOGRAM_BINS - 1})::int as bin,
        count(*)::int as count,
        count(*) filter (where ${images.reviewStatus} = 'approved')::int as approved,
        count(*) filter (where ${images.reviewStatus} = 'rejected')::int as rejected,
        avg((${images.scoreAvg} - 1) / 4)::float8 as human, count(${images.scoreAvg})::int as "humanScored"
      from ${rows} and ${critiques.scoreNormalized} is not null group by 1 order by 1`),
    db.execute<PairRow>(sql`select coalesce(${images.modelKey}, '(unknown)') as "group", ${humanVerdict} as human,
      ${criticVerdict} as critic, count(*)::int as count from ${rows} group by 1, 2, 3`),
    db.execute<PairRow>(sql`select lora.value->>'key' as "group", ${humanVerdict} as human,
      ${criticVerdict} as critic, count(*)::int as count
      from ${critiques} join ${images} on ${images.id} = ${critiques.imageId}
      cross join lateral jsonb_array_elements(case jsonb_typeof(${images.loras}) when 'array' then ${images.loras} else '[]'::jsonb end) as lora
      where ${critiques.isCurrent} and ${critiques.critic} = ${input.critic}
        and ${critiques.criticVersion} = ${version} and ${images.deletedAt} is null
        and lora.value->>'key' is not null
      group by 1, 2, 3`),
  ]);
  const versions = means.map((row) =>
    summarize(
      row,
      [...byVersion].filter((pair) => pair.group === row.version),
    ),
  );
  const summary = versions.find((entry) => entry.version === version);
  if (!summary) return null;
  return {
    critic: input.critic,
    version,
    threshold: known.approveThreshold ?? DEFAULT_APPROVE_THRESHOLD,
    summary,
    matrix: confusionMatrix(VERDICTS, pairsOf([...byVersion].filter((pair) => pair.group === version))),
    calibration: calibrationOf([...bins]),
    histogram: Array.from({ length: HISTOGRAM_BINS }, (_, bin) => ({
      bin: bin / HISTOGRAM_BINS,
      count: [...bins].find((row) => row.bin === bin)?.count ?? 0,
    })),
    byModel: breakdown([...byModel]),
    byLora: breakdown([...byLora]),
    versions,
  };
}

const pairsOf = (rows: PairRow[]) =>
  rows.flatMap((row) =>
    row.human && row.critic ? [{ human: row.human, critic: row.critic, count: row.count }] : [],
  );

function summarize(
  row: { version: string; scored: number; mean: number | null },
  pairs: PairRow[],
): VersionSummary {
  const matrix = confusionMatrix(VERDICTS, pairsOf(pairs));
  return {
    version: row.version,
    scored: row.scored,
    decided: matrix.total,
    meanScore: row.mean,
    agreement: agreementRate(matrix),
    kappa: cohensKappa(matrix),
  };
}

// Two histogram bins make one calibration bin (tenths of the score).
function calibrationOf(bins: BinRow[]) {
  return Array.from({ length: HISTOGRAM_BINS / 2 }, (_, tenth) => {
    const inTenth = bins.filter((row) => Math.floor(row.bin / 2) === tenth);
    const approved = inTenth.reduce((sum, row) => sum + row.approved, 0);
    const decided = approved + inTenth.reduce((sum, row) => sum + row.rejected, 0);
    const weight = inTenth.reduce((sum, row) => sum + row.humanScored, 0);
    return {
      bin: tenth / 10,
      decided,
      approvalRate: decided > 0 ? approved / decided : null,
      humanScore:
        weight > 0
          ? inTenth.reduce((sum, row) => sum + (row.human ?? 0) * row.humanScored, 0) / weight
          : null,
    };
  });
}

function breakdown(rows: PairRow[]): Breakdown {
  const groups = new Map<string, PairRow[]>();
  for (const row of rows) if (row.group) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
  return [...groups]
    .map(([key, pairs]) => {
      const matrix = confusionMatrix(VERDICTS, pairsOf(pairs));
      return { key, decided: matrix.total, agreement: agreementRate(matrix) };
    })
    .filter((entry) => entry.decided > 0)
    .sort((a, b) => b.decided - a.decided || a.key.localeCompare(b.key))
    .slice(0, BREAKDOWN_LIMIT);
}
