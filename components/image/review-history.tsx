import type { ReviewHistoryEntry } from "@/lib/review/list-review-history";
import { Section } from "./section";

function summarize(entry: ReviewHistoryEntry): string {
  const state = [
    entry.decision ?? "no decision",
    entry.score ? `score ${entry.score}` : null,
    entry.tags.length > 0 ? `reasons: ${entry.tags.join(", ")}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const verb = {
    decide: "decided",
    score: "scored",
    note: "noted",
    tag: "tagged",
    undo: "undid → ",
    clear: "cleared",
  };
  return `${verb[entry.action as keyof typeof verb] ?? entry.action} ${state}`;
}

/** Who did what, when: the append-only review trail, newest first. */
export function ReviewHistory({ entries }: { entries: ReviewHistoryEntry[] }) {
  return (
    <Section title={`Review history (${entries.length})`}>
      {entries.length === 0 ? (
        <p className="text-sm text-neutral-500">Nobody has reviewed this image yet.</p>
      ) : (
        <ol className="space-y-1 text-sm" data-testid="review-history">
          {entries.map((entry) => (
            <li key={entry.id} data-action={entry.action} className="flex flex-wrap gap-x-2">
              <time className="shrink-0 text-neutral-500" dateTime={entry.createdAt}>
                {entry.createdAt.slice(0, 16).replace("T", " ")}
              </time>
              <span className="min-w-0 break-all text-neutral-300">{entry.reviewer}</span>
              <span className="text-neutral-400">
                {summarize(entry)}
                {entry.bulkRule ? (
                  <span className="block text-neutral-500" data-testid="bulk-rule">
                    in bulk: {entry.bulkRule}
                  </span>
                ) : null}
                {entry.note ? (
                  <span className="block whitespace-pre-wrap text-neutral-500">“{entry.note}”</span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
