"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, CHART_HEIGHT, GRID, SERIES, TOOLTIP } from "./chart-theme";

type Point = { version: string; agreement: number | null; kappa: number | null };

/** Agreement rate and Cohen's kappa per version, oldest first: did the new version get closer to the humans? */
export function VersionMovementChart({ data }: { data: Point[] }) {
  return (
    <ResponsiveContainer
      width="100%"
      height={CHART_HEIGHT}
      initialDimension={{ width: 480, height: CHART_HEIGHT }}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="version" {...AXIS} />
        <YAxis domain={[-1, 1]} {...AXIS} />
        <Tooltip {...TOOLTIP} formatter={(value) => (typeof value === "number" ? value.toFixed(2) : "—")} />
        <Legend wrapperStyle={{ color: "#a3a3a3", fontSize: 12 }} />
        <Line name="agreement" dataKey="agreement" stroke={SERIES.primary} isAnimationActive={false} />
        <Line name="Cohen's kappa" dataKey="kappa" stroke={SERIES.secondary} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
