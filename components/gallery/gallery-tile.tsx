import type { MouseEvent } from "react";
import { cn } from "@/components/ui/cn";
import { PendingThumb } from "@/components/viewer/pending-thumb";
import { StatusBadge } from "@/components/viewer/status-badge";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { UserPreferences } from "@/lib/preferences/user-preferences";

function captionOf(item: ImageTile, caption: UserPreferences["tileCaption"]): string | null {
  if (caption === "seed") return item.seed === null ? "no seed" : `seed ${item.seed}`;
  if (caption === "model") return item.model ?? "no model";
  if (caption === "prompt") return item.prompt;
  return null;
}

/**
 * One thumbnail over its placeholder (painted at once, before the thumb arrives), cropped to a square or shown
 * whole inside it; the caption is plain text. Until a worker has made the thumb, a pending tile instead.
 * `isFocusable` makes it the grid's one tab stop (arrows move it).
 */
export function GalleryTile({
  item,
  isSelected,
  isFocusable,
  isCompact,
  fit,
  caption,
  onClick,
  onFocus,
}: {
  item: ImageTile;
  isSelected: boolean;
  isFocusable: boolean;
  isCompact: boolean;
  fit: UserPreferences["tileFit"];
  caption: UserPreferences["tileCaption"];
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
  onFocus: () => void;
}) {
  const text = captionOf(item, caption);
  return (
    <li
      className="group relative"
      data-testid="gallery-tile"
      data-tile-id={item.id}
      data-selected={isSelected || undefined}
    >
      <a
        href={`/images/${item.id}`}
        onClick={onClick}
        onFocus={onFocus}
        tabIndex={isFocusable ? 0 : -1}
        draggable={false}
        className={cn(
          "block overflow-hidden rounded bg-neutral-900 outline-none ring-sky-400 focus-visible:ring-2",
          isSelected && "ring-2 ring-sky-400",
        )}
      >
        {item.deriveState !== "done" ? (
          <PendingThumb state={item.deriveState} className="aspect-square w-full" />
        ) : null}
        <img
          src={item.deriveState === "done" ? item.url : undefined}
          hidden={item.deriveState !== "done"}
          alt={item.prompt ?? "generated image"}
          loading="lazy"
          decoding="async"
          draggable={false}
          width={item.width}
          height={item.height}
          data-fit={fit}
          className={cn(
            "aspect-square w-full",
            fit === "crop" ? "object-cover" : "object-contain",
            isSelected && "opacity-80",
          )}
          style={
            item.placeholder
              ? {
                  backgroundImage: `url("${item.placeholder}")`,
                  backgroundSize: fit === "crop" ? "cover" : "contain",
                  backgroundPosition: "center",
                  backgroundRepeat: "no-repeat",
                }
              : undefined
          }
        />
        {isSelected ? <span className="sr-only">(selected)</span> : null}
      </a>
      <div className="pointer-events-none absolute left-1.5 top-1.5 flex items-center gap-1">
        <StatusBadge status={item.reviewStatus} isCompact={isCompact} />
        {item.scoreAvg !== null ? (
          <span className="rounded bg-black/70 px-1 text-[10px] text-amber-300">
            ★{item.scoreAvg.toFixed(1)}
          </span>
        ) : null}
      </div>
      {isSelected ? (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute right-1.5 top-1.5 flex size-5 items-center justify-center rounded-sm border-2 border-white bg-sky-600 text-xs font-bold text-white shadow"
        >
          ✓
        </span>
      ) : null}
      {text !== null ? (
        <p
          className="mt-0.5 truncate text-[11px] text-neutral-400"
          data-testid="grid-prompt"
          data-caption={caption}
          title={text}
        >
          {text}
        </p>
      ) : null}
    </li>
  );
}
