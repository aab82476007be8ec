/** A count made up to a cap: `capped` means "at least `count`". */
export type SelectionCount = { count: number; capped: boolean };

export function formatSelectionCount({ count, capped }: SelectionCount): string {
  return `${count.toLocaleString("en-US")}${capped ? "+" : ""}`;
}
