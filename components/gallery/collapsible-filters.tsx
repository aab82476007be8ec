"use client";

import { type ReactNode, useState } from "react";
import { cn } from "@/components/ui/cn";

/** The filter bar: always open on a wide screen, folded behind a "Filters" button on a phone (images first). */
export function CollapsibleFilters({ isFiltered, children }: { isFiltered: boolean; children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <div>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls="gallery-filters"
        onClick={() => setOpen((value) => !value)}
        className="min-h-10 rounded border border-neutral-700 px-3 text-sm md:hidden"
      >
        {isOpen ? "Hide filters" : isFiltered ? "Filters (on)" : "Filters"}
      </button>
      <div id="gallery-filters" className={cn("mt-2 md:mt-0 md:block", isOpen ? "block" : "hidden")}>
        {children}
      </div>
    </div>
  );
}
