import type { MouseEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import { StatusDot } from "./status-dot";

/** One thumbnail over its placeholder (painted at once, before the thumb arrives); the prompt is plain text. */
export function GalleryTile({
  item,
  isSelected,
  onClick,
}: {
  item: ImageTile;
  isSelected: boolean;
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  return (
    <li className="group relative" data-testid="gallery-tile" data-selected={isSelected || undefined}>
      <a
        href={`/images/${item.id}`}
        onClick={onClick}
        className={cn(
          "block overflow-hidden rounded bg-neutral-900 outline-none ring-sky-400 focus-visible:ring-2",
          isSelected && "ring-2 ring-sky-400",
        )}
      >
        <img
          src={item.url}
          alt={item.prompt ?? "generated image"}
          loading="lazy"
          decoding="async"
          width={item.width}
          height={item.height}
          className={cn("aspect-square w-full object-cover", isSelected && "opacity-80")}
          style={
            item.placeholder
              ? { backgroundImage: `url("${item.placeholder}")`, backgroundSize: "cover" }
              : undefined
          }
        />
      </a>
      <div className="pointer-events-none absolute left-1.5 top-1.5 flex items-center gap-1">
        <StatusDot status={item.reviewStatus} />
        {item.scoreAvg !== null ? (
          <span className="rounded bg-black/70 px-1 text-[10px] text-amber-300">
            ★{item.scoreAvg.toFixed(1)}
          </span>
        ) : null}
      </div>
      {isSelected ? (
        <span className="pointer-events-none absolute right-1.5 top-1.5 rounded-full bg-sky-500 px-1.5 text-[10px] font-bold text-white">
          ✓
        </span>
      ) : null}
      <p
        className="mt-0.5 truncate text-[11px] text-neutral-500"
        data-testid="grid-prompt"
        title={item.prompt ?? ""}
      >
        {item.prompt}
      </p>
    </li>
  );
}
