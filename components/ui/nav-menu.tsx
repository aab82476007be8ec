"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A group of links behind one button ("Admin"): a panel under the button on a wide screen, an indented list in
 * the folded phone menu. Esc or a click elsewhere closes it.
 */
export function NavMenu({ label, children }: { label: string; children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [isOpen]);
  const id = `nav-menu-${label.toLowerCase()}`;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="hover:text-neutral-50"
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div
        id={id}
        className={cn(
          "flex-col gap-3 pl-4 pt-3 md:absolute md:left-0 md:top-full md:z-50 md:mt-2 md:min-w-48 md:gap-1 md:rounded md:border md:border-neutral-700 md:bg-neutral-900 md:p-2 md:shadow-xl md:[&>a]:rounded md:[&>a]:px-2 md:[&>a]:py-1 md:[&>a:hover]:bg-neutral-800",
          isOpen ? "flex" : "hidden",
        )}
      >
        {children}
      </div>
    </div>
  );
}
