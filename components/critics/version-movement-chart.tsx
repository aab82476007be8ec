"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, CHART_MARGIN, GRID, LEGEND, SERIES, TOOLTIP } from "@/components/charts/chart-theme";
import { ResponsiveChart } from "@/components/charts/responsive-chart";

type Point = { version: string; agreement: number | null; kappa: number | null };

/** Agreement rate and Cohen's kappa per version, oldest first: did the new version get closer to the humans? */
export function VersionMovementChart({ data }: { data: Point[] }) {
  return (
    <ResponsiveChart>
      <LineChart data={data} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="version" {...AXIS} />
        <YAxis domain={[-1, 1]} {...AXIS} />
        <Tooltip {...TOOLTIP} formatter={(value) => (typeof value === "number" ? value.toFixed(2) : "—")} />
        <Legend {...LEGEND} />
        <Line name="agreement" dataKey="agreement" stroke={SERIES.primary} isAnimationActive={false} />
        <Line name="Cohen's kappa" dataKey="kappa" stroke={SERIES.secondary} isAnimationActive={false} />
      </LineChart>
    </ResponsiveChart>
  );
}
