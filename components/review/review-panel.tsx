import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { StatusBadge } from "@/components/viewer/status-badge";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { ReviewDetails } from "@/lib/review/review-details";
import type { ReviewState } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";
import { ReviewSettingsList } from "./review-settings-list";

const DECISION_STYLE = {
  approve: "bg-emerald-600 text-white",
  reject: "bg-red-600 text-white",
  skip: "bg-neutral-600 text-white",
};

/** The side panel (below the image on a phone): where tags go, the reviewer's own judgement, then the settings. */
export function ReviewPanel({
  item,
  state,
  tags,
  details,
  previous,
  children,
}: {
  item: ImageTile;
  state: ReviewState;
  tags: TagView[];
  details: ReviewDetails | undefined;
  previous: ReviewDetails | null;
  children: ReactNode;
}) {
  const chosen = tags.filter((tag) => state.tagIds.includes(tag.id));
  return (
    <aside className="flex w-full min-w-0 shrink-0 flex-col gap-3 border-t border-neutral-800 p-3 text-sm [overflow-wrap:anywhere] md:w-80 md:overflow-y-auto md:border-l md:border-t-0 md:p-4">
      {children}
      <div className="flex items-center gap-2">
        <span
          data-testid="my-decision"
          className={cn(
            "rounded px-2 py-0.5 text-xs font-semibold uppercase",
            state.decision ? DECISION_STYLE[state.decision] : "bg-neutral-800 text-neutral-400",
          )}
        >
          {state.decision ?? "undecided"}
        </span>
        <span
          data-testid="my-score"
          data-score={state.score ?? undefined}
          className="text-amber-300"
          title={`score ${state.score ?? "none"}`}
        >
          {state.score ? (
            "★".repeat(state.score) + "☆".repeat(5 - state.score)
          ) : (
            <span className="text-neutral-500">☆☆☆☆☆</span>
          )}
        </span>
        <span className="ml-auto flex items-center gap-1 text-xs text-neutral-400">
          consensus:{" "}
          {item.reviewStatus === "unreviewed" ? "unreviewed" : <StatusBadge status={item.reviewStatus} />}
        </span>
      </div>
      <ul className="flex flex-wrap gap-1" data-testid="my-reasons">
        {chosen.map((tag) => (
          <li
            key={tag.id}
            className="rounded-full border px-2 py-0.5 text-xs"
            style={{ borderColor: tag.color ?? "#737373" }}
          >
            {tag.name}
          </li>
        ))}
      </ul>
      {state.note ? (
        <p className="whitespace-pre-wrap rounded bg-neutral-900 p-2 text-neutral-300">{state.note}</p>
      ) : null}
      <ReviewSettingsList details={details} previous={previous} />
      <a href={`/images/${item.id}`} className="text-xs text-sky-400 hover:underline">
        Full details and history →
      </a>
    </aside>
  );
}
