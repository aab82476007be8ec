"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ExperimentRow } from "@/lib/insights/experiment-input";
import { AXIS, CHART_HEIGHT, GRID, percent, STATUS_COLOURS, TOOLTIP } from "./chart-theme";

type BarDatum = { label: string; rate: number; interval: [number, number]; href: string; decided: number };

/**
 * Approval rate per value with its Wilson 95% interval as an error bar, in the rows' order (lower bound first),
 * so a short bar with a wide whisker reads as "not enough data". A bar opens the gallery on those images.
 */
export function ExperimentChart({ rows, hrefs }: { rows: ExperimentRow[]; hrefs: string[] }) {
  const router = useRouter();
  const bars: BarDatum[] = rows.flatMap((row, index) =>
    row.approval_rate === null || !row.approval_interval
      ? []
      : [
          {
            label: row.label,
            rate: row.approval_rate,
            interval: [
              row.approval_rate - row.approval_interval.low,
              row.approval_interval.high - row.approval_rate,
            ],
            href: hrefs[index] ?? "/",
            decided: row.approved + row.rejected,
          },
        ],
  );
  return (
    <ResponsiveContainer
      width="100%"
      height={CHART_HEIGHT}
      initialDimension={{ width: 720, height: CHART_HEIGHT }}
    >
      <BarChart data={bars.slice(0, 15)} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="label" interval={0} {...AXIS} />
        <YAxis domain={[0, 1]} tickFormatter={percent} {...AXIS} />
        <Tooltip
          {...TOOLTIP}
          formatter={(value, _name, item) => [
            `${percent(value)} of ${(item.payload as BarDatum).decided} decided`,
            "approved",
          ]}
        />
        <Bar
          dataKey="rate"
          fill={STATUS_COLOURS.approved}
          cursor="pointer"
          isAnimationActive={false}
          onClick={(entry) => {
            const href = (entry as { payload?: BarDatum }).payload?.href;
            if (href) router.push(href);
          }}
        >
          <ErrorBar dataKey="interval" width={6} stroke="currentColor" direction="y" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
