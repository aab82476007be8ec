import { StatusDot } from "@/components/gallery/status-dot";
import { cn } from "@/components/ui/cn";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { ReviewState } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";

const DECISION_STYLE = {
  approve: "bg-emerald-600 text-white",
  reject: "bg-red-600 text-white",
  skip: "bg-neutral-600 text-white",
};

/** The side panel: the reviewer's own decision, score, reasons and note for this image, then its metadata. */
export function ReviewPanel({ item, state, tags }: { item: ImageTile; state: ReviewState; tags: TagView[] }) {
  const chosen = tags.filter((tag) => state.tagIds.includes(tag.id));
  return (
    <aside className="flex w-80 shrink-0 flex-col gap-3 overflow-y-auto border-l border-neutral-800 p-4 text-sm">
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
            <span className="text-neutral-600">☆☆☆☆☆</span>
          )}
        </span>
        <span className="ml-auto flex items-center gap-1 text-xs text-neutral-400">
          <StatusDot status={item.reviewStatus} /> consensus
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
      <p className="whitespace-pre-wrap break-words text-neutral-300" data-testid="review-prompt">
        {item.prompt}
      </p>
      <dl className="grid grid-cols-[4rem_1fr] gap-y-0.5 text-xs">
        <dt className="text-neutral-500">Model</dt>
        <dd className="break-all">{item.model ?? "—"}</dd>
        <dt className="text-neutral-500">Seed</dt>
        <dd>{item.seed ?? "—"}</dd>
        <dt className="text-neutral-500">Size</dt>
        <dd>
          {item.width}×{item.height}
        </dd>
      </dl>
      <a href={`/images/${item.id}`} className="text-xs text-sky-400 hover:underline">
        Full details and history →
      </a>
    </aside>
  );
}
