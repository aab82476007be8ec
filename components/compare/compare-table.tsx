import { cn } from "@/components/ui/cn";
import type { CompareRow } from "@/lib/gallery/compare-fields";

/** The images' metadata side by side; a field where they differ is highlighted. */
export function CompareTable({ rows }: { rows: CompareRow[] }) {
  return (
    <table className="w-full table-fixed text-sm" data-testid="compare-table">
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.label}
            data-field={row.label}
            data-differs={row.differs || undefined}
            className={cn("border-t border-neutral-800", row.differs && "bg-amber-950/60")}
          >
            <th
              scope="row"
              className={cn(
                "w-32 py-1 pr-3 text-left align-top font-normal text-neutral-500",
                row.differs && "text-amber-300",
              )}
            >
              {row.label}
              {row.differs ? <span className="sr-only"> (differs)</span> : null}
            </th>
            {row.values.map((value, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one column per compared image, in a fixed order
              <td key={index} className="whitespace-pre-wrap break-words py-1 pr-3 align-top">
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
