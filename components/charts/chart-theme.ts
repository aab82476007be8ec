import type { ReviewStatus } from "@/lib/enums/image-enums";
import { formatBytes } from "@/lib/format/format-bytes";

// One look for every recharts chart, on the dark and the light theme alike (the toggle sets color-scheme on <html>):
// axes, grid and legend text take the text colour (currentColor, muted by ChartFrame's class, so 4.5:1 on either
// page colour), the tooltip uses the system colours that follow color-scheme, series are mid-tones that read on both.
export const CHART_HEIGHT = 260;
export const CHART_MARGIN = { top: 8, right: 16, bottom: 8, left: 8 };
export const AXIS = { stroke: "currentColor", tick: { fill: "currentColor", fontSize: 12 } };
export const GRID = { stroke: "currentColor", strokeOpacity: 0.2, strokeDasharray: "3 3" };
export const TOOLTIP = {
  contentStyle: { background: "Canvas", border: "1px solid GrayText", color: "CanvasText" },
  labelStyle: { color: "CanvasText" },
  itemStyle: { color: "CanvasText" },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
};
// The legend's words in the text colour (recharts would paint them in the series colour: under 4.5:1 on white for
// amber or green); the swatch beside each word keys the series.
export const LEGEND = { wrapperStyle: { fontSize: 12 }, labelStyle: { color: "currentColor" } };
export const STATUS_COLOURS = {
  approved: "#16a34a",
  rejected: "#dc2626",
  skipped: "#a855f7",
  conflicting: "#d97706",
  unreviewed: "#64748b",
} as const satisfies Record<ReviewStatus, string>;
/** Two measured series, and the reference they are judged against (a dashed line in the text colour). */
export const SERIES = { primary: "#3b82f6", secondary: "#d97706", reference: "currentColor" };
export const percent = (value: unknown) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "—");
export const megabytes = (value: unknown) => (typeof value === "number" ? formatBytes(value) : "—");
