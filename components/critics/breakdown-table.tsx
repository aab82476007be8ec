import type { Breakdown } from "@/lib/critics/load-critic-report";

/** Agreement per model or LoRA, most-decided first: where does the critic go wrong? */
export function BreakdownTable({ title, rows }: { title: string; rows: Breakdown }) {
  return (
    <section className="space-y-1">
      <h3 className="text-sm font-medium">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-neutral-500">Nothing decided by humans yet.</p>
      ) : (
        <table className="w-full text-sm">
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-neutral-800">
                <td className="py-1 pr-2">{row.key}</td>
                <td className="py-1 pr-2 text-right text-neutral-500">{row.decided}</td>
                <td className="py-1 text-right">
                  {row.agreement === null ? "—" : `${Math.round(row.agreement * 100)}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
