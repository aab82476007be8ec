// One look for every critic chart on the dark background: muted axes and grid, readable tooltip, two series colours.
export const CHART_HEIGHT = 256;
export const AXIS = { stroke: "#737373", tick: { fill: "#a3a3a3", fontSize: 12 } };
export const GRID = { stroke: "#262626", strokeDasharray: "3 3" };
export const TOOLTIP = {
  contentStyle: { background: "#171717", border: "1px solid #404040", color: "#e5e5e5" },
  labelStyle: { color: "#e5e5e5" },
  itemStyle: { color: "#e5e5e5" },
  cursor: { fill: "rgba(255,255,255,0.06)" },
};
export const SERIES = { primary: "#60a5fa", secondary: "#f59e0b", reference: "#525252" };
export const percent = (value: unknown) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "—");
