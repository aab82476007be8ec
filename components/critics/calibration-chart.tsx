"use client";

import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, CHART_MARGIN, GRID, LEGEND, percent, SERIES, TOOLTIP } from "@/components/charts/chart-theme";
import { ResponsiveChart } from "@/components/charts/responsive-chart";

type Point = { bin: number; decided: number; approvalRate: number | null; humanScore: number | null };

/** Critic score (tenths) against what humans said: the share they approved and their mean score, beside y = x. */
export function CalibrationChart({ data }: { data: Point[] }) {
  const rows = data.map((point) => ({ ...point, label: point.bin.toFixed(1), ideal: point.bin + 0.05 }));
  return (
    <ResponsiveChart>
      <ComposedChart data={rows} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="label" {...AXIS} />
        <YAxis domain={[0, 1]} tickFormatter={percent} {...AXIS} />
        <Tooltip {...TOOLTIP} formatter={(value) => percent(value)} />
        <Legend {...LEGEND} />
        <Line
          name="perfect calibration"
          dataKey="ideal"
          stroke={SERIES.reference}
          strokeDasharray="4 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="humans approved"
          dataKey="approvalRate"
          stroke={SERIES.primary}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          name="human score (0–1)"
          dataKey="humanScore"
          stroke={SERIES.secondary}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveChart>
  );
}
