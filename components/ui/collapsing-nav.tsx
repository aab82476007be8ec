"use client";

import { type ReactNode, useState } from "react";
import { cn } from "./cn";

/** The top menu: a row on wide screens, a "Menu" button that unfolds a column on a phone. */
export function CollapsingNav({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls="site-menu"
        onClick={() => setOpen((value) => !value)}
        className="ml-auto rounded border border-neutral-700 px-3 py-1.5 text-sm md:hidden"
      >
        Menu
      </button>
      <nav
        id="site-menu"
        className={cn(
          "w-full flex-col gap-3 text-sm text-neutral-300 md:flex md:w-auto md:min-w-0 md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-4",
          isOpen ? "flex" : "hidden",
        )}
      >
        {children}
      </nav>
    </>
  );
}
