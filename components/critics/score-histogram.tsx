"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, CHART_HEIGHT, GRID, SERIES, TOOLTIP } from "./chart-theme";

/** How the critic's normalised scores spread, in twentieths. */
export function ScoreHistogram({ data }: { data: { bin: number; count: number }[] }) {
  const rows = data.map((point) => ({ ...point, label: point.bin.toFixed(2) }));
  return (
    <ResponsiveContainer
      width="100%"
      height={CHART_HEIGHT}
      initialDimension={{ width: 480, height: CHART_HEIGHT }}
    >
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="label" {...AXIS} interval={3} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip {...TOOLTIP} />
        <Bar name="critiques" dataKey="count" fill={SERIES.primary} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
