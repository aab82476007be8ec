"use client";

import { type ReactNode, useState } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A filter form folded behind a "Filters" button at every size, so the images (or the figures) start near the
 * top; `summary` (the view's count, its links) shares the button's line. `isFiltered` says so on the button.
 */
export function CollapsibleFilters({
  isFiltered,
  summary,
  id = "gallery-filters",
  children,
}: {
  isFiltered: boolean;
  summary?: ReactNode;
  id?: string;
  children: ReactNode;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={id}
          onClick={() => setOpen((value) => !value)}
          className="min-h-9 rounded border border-neutral-700 px-3 text-sm"
        >
          {isOpen ? "Hide filters" : isFiltered ? "Filters (on)" : "Filters"}
        </button>
        {summary}
      </div>
      <div id={id} className={cn("mt-2", isOpen ? "block" : "hidden")}>
        {children}
      </div>
    </div>
  );
}
