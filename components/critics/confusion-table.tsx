import type { ConfusionMatrix } from "@/lib/critics/agreement";

/** Humans in rows, the critic in columns; the diagonal is where they agree. */
export function ConfusionTable({ matrix }: { matrix: ConfusionMatrix<string> }) {
  return (
    <table className="text-sm" aria-label="Confusion matrix">
      <thead>
        <tr>
          <th className="p-2 text-left font-normal text-neutral-500">humans ↓ / critic →</th>
          {matrix.labels.map((label) => (
            <th key={label} className="p-2 text-right font-medium">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.labels.map((human, row) => (
          <tr key={human} className="border-t border-neutral-800">
            <th className="p-2 text-left font-medium">{human}</th>
            {matrix.labels.map((critic, column) => (
              <td
                key={critic}
                className={
                  row === column ? "p-2 text-right text-emerald-400" : "p-2 text-right text-rose-400"
                }
              >
                {matrix.counts[row]?.[column] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
