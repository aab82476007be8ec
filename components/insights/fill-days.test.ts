import { describe, expect, it } from "vitest";
import type { DayStats } from "@/lib/insights/stats-input";
import { fillDays } from "./fill-days";

const day = (name: string, images: number, cumulative: number): DayStats => ({
  day: name,
  images,
  bytes: images * 10,
  cumulative_bytes: cumulative,
  approved: images,
  rejected: 0,
  skipped: 0,
  conflicting: 0,
  unreviewed: 0,
});

describe("fillDays", () => {
  it("puts quiet days back with the running total carried", () => {
    const filled = fillDays([day("2026-02-27", 2, 20), day("2026-03-02", 1, 30)]);
    expect(filled.map((each) => [each.day, each.images, each.cumulative_bytes])).toEqual([
      ["2026-02-27", 2, 20],
      ["2026-02-28", 0, 20],
      ["2026-03-01", 0, 20],
      ["2026-03-02", 1, 30],
    ]);
    expect(fillDays([])).toEqual([]);
  });
});
