import type { ReactNode } from "react";
import { CHART_HEIGHT } from "./chart-theme";

/**
 * A titled box whose chart height is reserved before the chart measures itself, so nothing moves when it draws.
 * Axis text is currentColor: the muted text colour of either theme. A chart is drawn on the server at a guessed
 * width (ResponsiveChart's INITIAL) until the browser measures the frame: the frame clips that draw and never grows
 * for it (min-w-0 in a grid), so a phone's page does not scroll sideways before hydration or on a slow device.
 */
export function ChartFrame({
  title,
  note,
  isSized = false,
  children,
}: {
  title: string;
  note?: string;
  /** The chart sizes itself (an HTML figure, one row per value): no height is reserved for it. */
  isSized?: boolean;
  children: ReactNode;
}) {
  return (
    <figure className="min-w-0 space-y-2 rounded border border-neutral-500/30 p-3" data-chart={title}>
      <figcaption className="text-sm font-medium">
        {title}
        {note ? <span className="ml-2 text-xs font-normal text-neutral-500">{note}</span> : null}
      </figcaption>
      <div
        style={isSized ? undefined : { height: CHART_HEIGHT }}
        className={`w-full text-neutral-500 ${isSized ? "" : "overflow-hidden"}`}
      >
        {children}
      </div>
    </figure>
  );
}
