"use client";

import { useRouter } from "next/navigation";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import {
  AXIS,
  CHART_MARGIN,
  GRID,
  LEGEND,
  megabytes,
  percent,
  SERIES,
  STATUS_COLOURS,
  TOOLTIP,
} from "@/components/charts/chart-theme";
import { ResponsiveChart } from "@/components/charts/responsive-chart";
import { exactName } from "@/lib/images/selection/name-match";
import type { DayStats, StatsGroup } from "@/lib/insights/stats-input";
import { fillDays } from "./fill-days";

// Long model names (folders, extensions) would be clipped by the axis: keep their start and say so.
const shortName = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);
const STATUSES = Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[];

/** New images per day, stacked by their review status. */
export function ImagesPerDayChart({ data }: { data: DayStats[] }) {
  return (
    <ResponsiveChart>
      <BarChart data={fillDays(data)} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="day" {...AXIS} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip {...TOOLTIP} />
        <Legend {...LEGEND} />
        {STATUSES.map((status) => (
          <Bar
            key={status}
            dataKey={status}
            stackId="status"
            fill={STATUS_COLOURS[status]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveChart>
  );
}

/** Bytes of the matching live images, as a running total by creation day. */
export function BytesOverTimeChart({ data }: { data: DayStats[] }) {
  return (
    <ResponsiveChart>
      <AreaChart data={fillDays(data)} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="day" {...AXIS} />
        <YAxis tickFormatter={megabytes} width={80} {...AXIS} />
        <Tooltip {...TOOLTIP} formatter={(value) => megabytes(value)} />
        <Area
          name="stored"
          dataKey="cumulative_bytes"
          stroke={SERIES.primary}
          fill={SERIES.primary}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveChart>
  );
}

/** Models by image count, or by approval rate (of decided images); a bar opens the gallery on that model. */
export function ModelChart({ data, measure }: { data: StatsGroup[]; measure: "images" | "approval_rate" }) {
  const router = useRouter();
  const rows = measure === "approval_rate" ? data.filter((group) => group.approval_rate !== null) : data;
  return (
    <ResponsiveChart>
      <BarChart data={rows.slice(0, 10)} layout="vertical" margin={CHART_MARGIN}>
        <CartesianGrid {...GRID} />
        <XAxis
          type="number"
          {...AXIS}
          {...(measure === "approval_rate"
            ? { domain: [0, 1], tickFormatter: percent }
            : { allowDecimals: false })}
        />
        {/* interval 0: every bar gets its name (the default drops every other one, and the top one). */}
        <YAxis type="category" dataKey="name" width={150} interval={0} tickFormatter={shortName} {...AXIS} />
        <Tooltip
          {...TOOLTIP}
          formatter={(value) => (measure === "approval_rate" ? percent(value) : String(value))}
        />
        <Bar
          name={measure === "approval_rate" ? "approved" : "images"}
          dataKey={measure}
          fill={measure === "approval_rate" ? STATUS_COLOURS.approved : SERIES.primary}
          cursor="pointer"
          isAnimationActive={false}
          onClick={(entry) => {
            const key = (entry as { payload?: StatsGroup }).payload?.key;
            if (key) router.push(`/?model=${encodeURIComponent(exactName(key))}`);
          }}
        />
      </BarChart>
    </ResponsiveChart>
  );
}
