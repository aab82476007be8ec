import { formatBytes } from "@/lib/format/format-bytes";
import type { StatsGroup } from "@/lib/insights/stats-input";

const number = (value: number) => value.toLocaleString("en");

/** One breakdown as a table; each row opens the gallery on that group when `hrefOf` says how. */
export function GroupTable({
  title,
  groups,
  hrefOf,
}: {
  title: string;
  groups: StatsGroup[];
  hrefOf?: (group: StatsGroup) => string | null;
}) {
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-medium">{title}</h2>
      {groups.length === 0 ? (
        <p className="text-sm text-neutral-500">Nothing yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-neutral-500">
            <tr>
              <th className="py-1 font-normal">Name</th>
              <th className="py-1 text-right font-normal">Images</th>
              <th className="py-1 text-right font-normal">Size</th>
              <th className="py-1 text-right font-normal">Approved</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-500/20">
            {groups.map((group) => {
              const href = hrefOf?.(group);
              return (
                <tr key={group.key}>
                  <td className="py-1">
                    {href ? (
                      <a className="underline" href={href}>
                        {group.name}
                      </a>
                    ) : (
                      group.name
                    )}
                  </td>
                  <td className="py-1 text-right tabular-nums">{number(group.images)}</td>
                  <td className="py-1 text-right tabular-nums">{formatBytes(group.bytes)}</td>
                  <td className="py-1 text-right tabular-nums">
                    {group.approval_rate === null ? "—" : `${Math.round(group.approval_rate * 100)}%`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
