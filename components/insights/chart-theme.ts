import type { ReviewStatus } from "@/lib/enums/image-enums";
import { formatBytes } from "@/lib/format/format-bytes";

// Colours that read on the dark and the light theme alike: axes and grid take the text colour (currentColor, muted
// by the frame's class), the tooltip uses the system colours that follow color-scheme, series are mid-tones.
export const CHART_HEIGHT = 260;
export const AXIS = { stroke: "currentColor", tick: { fill: "currentColor", fontSize: 12 } };
export const GRID = { stroke: "currentColor", strokeOpacity: 0.2, strokeDasharray: "3 3" };
export const TOOLTIP = {
  contentStyle: { background: "Canvas", border: "1px solid GrayText", color: "CanvasText" },
  labelStyle: { color: "CanvasText" },
  itemStyle: { color: "CanvasText" },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
};
export const LEGEND = { wrapperStyle: { fontSize: 12 } };
export const STATUS_COLOURS = {
  approved: "#16a34a",
  rejected: "#dc2626",
  skipped: "#a855f7",
  conflicting: "#d97706",
  unreviewed: "#64748b",
} as const satisfies Record<ReviewStatus, string>;
export const SERIES = { primary: "#3b82f6", secondary: "#d97706" };
export const percent = (value: unknown) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "—");
export const megabytes = (value: unknown) => (typeof value === "number" ? formatBytes(value) : "—");
