import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen: it scrolls sideways inside this box instead of pushing the page wider. The box
 * takes the keyboard focus so it can be scrolled without a mouse, and is named for screen readers.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to be scrolled by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
      tabIndex={0}
      className="max-w-full overflow-x-auto rounded outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
    >
      {children}
    </section>
  );
}
