import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChartFrame } from "@/components/charts/chart-frame";
import { BreakdownTable } from "@/components/critics/breakdown-table";
import { CalibrationChart } from "@/components/critics/calibration-chart";
import { ConfusionTable } from "@/components/critics/confusion-table";
import { ScoreHistogram } from "@/components/critics/score-histogram";
import { VersionMovementChart } from "@/components/critics/version-movement-chart";
import { requireUser } from "@/lib/auth/session/session";
import { criticNameSchema, criticVersionSchema } from "@/lib/critics/critic-name";
import { loadCriticReport } from "@/lib/critics/load-critic-report";
import { getDb } from "@/lib/db/get-db";

export const metadata: Metadata = { title: "Critic report" };

type Props = { params: Promise<{ critic: string }>; searchParams: Promise<{ version?: string | string[] }> };

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? "—" : value.toFixed(3));

export default async function CriticReportPage({ params, searchParams }: Props) {
  await requireUser("viewer");
  const critic = criticNameSchema.safeParse(decodeURIComponent((await params).critic));
  const rawVersion = (await searchParams).version;
  const version = criticVersionSchema
    .optional()
    .safeParse(Array.isArray(rawVersion) ? rawVersion[0] : rawVersion);
  if (!critic.success || !version.success) notFound();
  const report = await loadCriticReport(getDb(), { critic: critic.data, version: version.data });
  if (!report) notFound();
  const base = `/critics/${encodeURIComponent(report.critic)}`;
  const exportUrl = (format: string) =>
    `${base}/disagreements?version=${encodeURIComponent(report.version)}&format=${format}`;
  const filter = `disagreement=any&critic=${encodeURIComponent(report.critic)}&sort=gap`;
  const stats: [string, string][] = [
    ["Agreement", percent(report.summary.agreement)],
    ["Cohen's kappa", fixed(report.summary.kappa)],
    ["Decided by humans", String(report.summary.decided)],
    ["Scored", String(report.summary.scored)],
    ["Approves from", report.threshold.toFixed(2)],
  ];
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">
          {report.critic} <span className="text-neutral-400">{report.version}</span>
        </h1>
        <nav className="flex flex-wrap gap-3 text-sm">
          {report.versions.map((entry) => (
            <Link
              key={entry.version}
              href={`${base}?version=${encodeURIComponent(entry.version)}`}
              className={
                entry.version === report.version ? "font-semibold underline" : "underline text-neutral-400"
              }
            >
              {entry.version}
            </Link>
          ))}
          <span className="ml-auto flex gap-3">
            <Link className="underline" href={`/?${filter}`}>
              Disagreements in the gallery
            </Link>
            <Link className="underline" href={`/review?${filter}`}>
              Settle them in review
            </Link>
            <a className="underline" href={exportUrl("csv")} download>
              Export CSV
            </a>
            <a className="underline" href={exportUrl("jsonl")} download>
              Export JSONL
            </a>
          </span>
        </nav>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded border border-neutral-800 p-3">
            <dt className="text-xs text-neutral-500">{label}</dt>
            <dd className="text-xl" data-stat={label}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <ChartFrame title="Calibration" note="critic score vs what humans said">
          <CalibrationChart data={report.calibration} />
        </ChartFrame>
        <ChartFrame title="Score histogram" note="normalised 0–1">
          <ScoreHistogram data={report.histogram} />
        </ChartFrame>
        <ChartFrame title="Between versions" note="agreement and kappa, oldest first">
          <VersionMovementChart data={report.versions} />
        </ChartFrame>
        <figure className="space-y-2 rounded border border-neutral-500/30 p-3">
          <figcaption className="text-sm font-medium">Confusion matrix</figcaption>
          <ConfusionTable matrix={report.matrix} />
        </figure>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <BreakdownTable title="Agreement by model" rows={report.byModel} />
        <BreakdownTable title="Agreement by LoRA" rows={report.byLora} />
      </div>
    </section>
  );
}
