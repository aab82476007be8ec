"use client";

import { useRouter } from "next/navigation";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { exactName } from "@/lib/images/selection/name-match";
import type { DayStats, StatsGroup } from "@/lib/insights/stats-input";
import {
  AXIS,
  CHART_HEIGHT,
  GRID,
  LEGEND,
  megabytes,
  percent,
  SERIES,
  STATUS_COLOURS,
  TOOLTIP,
} from "./chart-theme";
import { fillDays } from "./fill-days";

const INITIAL = { width: 520, height: CHART_HEIGHT };
const MARGIN = { top: 8, right: 16, bottom: 8, left: 8 };
// Long model names (folders, extensions) would be clipped by the axis: keep their start and say so.
const shortName = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);
const STATUSES = Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[];

/** New images per day, stacked by their review status. */
export function ImagesPerDayChart({ data }: { data: DayStats[] }) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
      <BarChart data={fillDays(data)} margin={MARGIN}>
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
    </ResponsiveContainer>
  );
}

/** Bytes of the matching live images, as a running total by creation day. */
export function BytesOverTimeChart({ data }: { data: DayStats[] }) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
      <AreaChart data={fillDays(data)} margin={MARGIN}>
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
    </ResponsiveContainer>
  );
}

/** Models by image count, or by approval rate (of decided images); a bar opens the gallery on that model. */
export function ModelChart({ data, measure }: { data: StatsGroup[]; measure: "images" | "approval_rate" }) {
  const router = useRouter();
  const rows = measure === "approval_rate" ? data.filter((group) => group.approval_rate !== null) : data;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
      <BarChart data={rows.slice(0, 10)} layout="vertical" margin={MARGIN}>
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
    </ResponsiveContainer>
  );
}
