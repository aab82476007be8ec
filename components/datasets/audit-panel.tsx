import type { DatasetAudit } from "@/lib/datasets/audit/audit-types";
import { memberFilterQuery } from "@/lib/datasets/member-filter";

/** Bars scaled to the largest count, each labelled with its count (no colour-only meaning). */
function Histogram({ title, rows }: { title: string; rows: { label: string; count: number }[] }) {
  const largest = Math.max(1, ...rows.map((row) => row.count));
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs text-neutral-400">{title}</figcaption>
      <ul className="space-y-0.5 text-xs">
        {rows.map((row) => (
          <li key={row.label} className="grid grid-cols-[7.5rem_1fr_2.5rem] items-center gap-2">
            <span className="truncate">{row.label}</span>
            <span className="h-2.5 rounded-sm bg-neutral-800">
              <span
                className="block h-full rounded-sm bg-sky-400"
                style={{ width: `${(row.count / largest) * 100}%` }}
              />
            </span>
            <span className="text-right tabular-nums">{row.count}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * What to look at before freezing a version: each warning links to its images in the workbench; then the
 * resolution and aspect buckets, review states and critic score distributions.
 */
export function AuditPanel({ datasetId, audit }: { datasetId: string; audit: DatasetAudit }) {
  const href = (filter: Parameters<typeof memberFilterQuery>[0]) =>
    `/datasets/${datasetId}${memberFilterQuery(filter)}#members`;
  return (
    <section className="space-y-4" aria-labelledby="audit-heading" data-testid="dataset-audit">
      <h2 id="audit-heading" className="text-lg font-medium">
        Audit before freezing
      </h2>
      {audit.warnings.length === 0 ? (
        <p className="text-sm text-emerald-400">
          No warnings: {audit.image_count} images, all captioned and approved.
        </p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="audit-warnings">
          {audit.warnings.map((warning) => (
            <li key={`${warning.code}:${memberFilterQuery(warning.filter)}`} className="flex gap-2">
              <span aria-hidden="true" className="text-amber-300">
                ⚠
              </span>
              <a
                href={href(warning.filter)}
                className="text-sky-400 hover:underline"
                data-code={warning.code}
              >
                {warning.message}
              </a>
            </li>
          ))}
        </ul>
      )}
      {audit.near_duplicates.clusters.length > 0 ? (
        <div className="text-sm">
          <h3 className="text-xs text-neutral-400">Near-duplicate clusters</h3>
          <ul className="flex flex-wrap gap-2">
            {audit.near_duplicates.clusters.map((cluster) => (
              <li key={cluster.image_ids.join(",")}>
                <a href={href({ ids: cluster.image_ids })} className="text-sky-400 hover:underline">
                  {cluster.size} images
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Histogram
          title="Shorter side"
          rows={audit.short_sides.map((row) => ({ label: row.bucket, count: row.count }))}
        />
        <Histogram
          title="Aspect ratio (width:height)"
          rows={audit.aspect_ratios.map((row) => ({ label: row.bucket, count: row.count }))}
        />
        <Histogram
          title="Review state"
          rows={audit.review_statuses.map((row) => ({ label: row.status, count: row.count }))}
        />
      </div>
      {audit.critics.length > 0 ? (
        <div className="grid gap-4 md:grid-cols-3">
          {audit.critics.map((critic) => (
            <Histogram
              key={critic.critic}
              title={`${critic.critic}: ${critic.critiques} scores, mean ${critic.mean === null ? "–" : critic.mean.toFixed(2)}, ${critic.rejects} rejects`}
              rows={critic.histogram.map((count, tenth) => ({
                label: `${(tenth / 10).toFixed(1)}–${((tenth + 1) / 10).toFixed(1)}`,
                count,
              }))}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
