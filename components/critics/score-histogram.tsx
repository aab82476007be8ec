"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, CHART_MARGIN, GRID, SERIES, TOOLTIP } from "@/components/charts/chart-theme";
import { ResponsiveChart } from "@/components/charts/responsive-chart";

/** How the critic's normalised scores spread, in twentieths. */
export function ScoreHistogram({ data }: { data: { bin: number; count: number }[] }) {
  const rows = data.map((point) => ({ ...point, label: point.bin.toFixed(2) }));
  return (
    <ResponsiveChart>
      <BarChart data={rows} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="label" {...AXIS} interval={3} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip {...TOOLTIP} />
        <Bar name="critiques" dataKey="count" fill={SERIES.primary} isAnimationActive={false} />
      </BarChart>
    </ResponsiveChart>
  );
}
