// Client-safe leaf (imports nothing): lib/db/schema types the bulk_reviews columns with these, the gallery and the
// review history describe them.

/** What a bulk review change does to each image's review. */
export type BulkChange =
  | { action: "decide"; decision: "approve" | "reject" | "skip" }
  | { action: "score"; score: number }
  | { action: "reason"; tagId: string };

/**
 * How the images were chosen: picked by hand in the gallery, the rest of a near-duplicate group whose `kept`
 * image stays, the whole filtered view, or (within a view) the images the critics all approve or all reject (one
 * critic's verdict when `critic` is set). `view` is the selection's query string, as the gallery's URL says it.
 */
export type BulkRule =
  | { kind: "picked" }
  | { kind: "duplicates"; kept: string }
  | { kind: "view"; view: string }
  | { kind: "critics"; view: string; critic: string | null };

/** The rule in words, as the review history shows it: "the critics' verdict (every critic) in the view q=ramen". */
export function describeBulkRule(rule: BulkRule): string {
  if (rule.kind === "picked") return "images picked in the gallery";
  if (rule.kind === "duplicates") return `near-duplicates of image ${rule.kept}, which was kept`;
  const view = rule.view === "" ? "the whole library" : `the view ${decodeView(rule.view)}`;
  if (rule.kind === "view") return `every image in ${view}`;
  return `the critics' verdict (${rule.critic ?? "every critic agreeing"}, above its threshold) in ${view}`;
}

function decodeView(view: string): string {
  try {
    return decodeURIComponent(view.replaceAll("+", " "));
  } catch {
    return view;
  }
}
