import type { BulkTargetInput } from "./use-bulk-review";
import type { ViewSelection } from "./use-selection";

type AimedChange = { target: BulkTargetInput; count: number; isView: boolean };

/**
 * What a button or key acts on: the whole view when it is selected, else the picked tiles, else (keys only) the
 * focused tile; null when there is nothing.
 */
export function aimBulkChange(options: {
  view: ViewSelection | null;
  picked: ReadonlySet<string>;
  search: string;
  focusedId: string | undefined;
}): AimedChange | null {
  const { view, picked, search, focusedId } = options;
  if (view) return { target: { kind: "view", view: search }, count: view.count, isView: true };
  if (picked.size > 0)
    return { target: { kind: "picked", imageIds: [...picked] }, count: picked.size, isView: false };
  return focusedId ? { target: { kind: "picked", imageIds: [focusedId] }, count: 1, isView: false } : null;
}
