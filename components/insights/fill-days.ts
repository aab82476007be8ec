import type { DayStats } from "@/lib/insights/stats-input";

const DAY_MS = 86_400_000;

/**
 * The daily series with the days that had no images put back (zero images, the running total carried), so the
 * x axis is time and a quiet week shows as a gap rather than vanishing.
 */
export function fillDays(days: DayStats[]): DayStats[] {
  const [first] = days;
  const last = days.at(-1);
  if (!first || !last) return [];
  const byDay = new Map(days.map((day) => [day.day, day]));
  const filled: DayStats[] = [];
  let carried = 0;
  for (let time = Date.parse(first.day); time <= Date.parse(last.day); time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    const found = byDay.get(day);
    carried = found?.cumulative_bytes ?? carried;
    filled.push(
      found ?? {
        day,
        images: 0,
        bytes: 0,
        cumulative_bytes: carried,
        approved: 0,
        rejected: 0,
        skipped: 0,
        conflicting: 0,
        unreviewed: 0,
      },
    );
  }
  return filled;
}
