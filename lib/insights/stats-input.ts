import { z } from "zod";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";

/**
 * What the statistics cover: any filter of the one image selection (lib/images/selection), how many rows each
 * breakdown keeps (largest first), and how many days the daily series reaches back.
 */
export const libraryStatsQuerySchema = imageFilterSchema
  .extend({
    top: z.coerce.number().int().min(1).max(200).default(20).describe("Rows per breakdown, largest first"),
    days: z.coerce.number().int().min(1).max(3660).default(90).describe("Days of daily series, up to today"),
  })
  .strict();
export type LibraryStatsQuery = z.output<typeof libraryStatsQuerySchema>;

/** One row of a breakdown: how many live images and bytes, and the human decisions among them. */
export type StatsGroup = {
  key: string;
  /** The name as stored (verbatim model name, run name…); the key is what filters match. */
  name: string;
  images: number;
  bytes: number;
  approved: number;
  rejected: number;
  /** approved / (approved + rejected); null when none is decided. */
  approval_rate: number | null;
};

export type DayStats = {
  day: string;
  images: number;
  bytes: number;
  /** Live bytes of every image created up to and including this day (the matching images only). */
  cumulative_bytes: number;
} & Record<ReviewStatus, number>; // the day's images with each review status

export type LibraryStats = {
  totals: { images: number; bytes: number };
  by_status: StatsGroup[];
  by_model: StatsGroup[];
  by_run: StatsGroup[];
  by_generator: StatsGroup[];
  by_dataset: StatsGroup[];
  by_day: DayStats[];
  by_week: StatsGroup[];
  review_throughput: { reviewer: string; day: string; decisions: number }[];
  storage: StorageUsage;
};

/** Every stored row, live or in the trash: what the bucket should hold (the doctor compares its listing). */
export type StorageUsage = {
  originals: { objects: number; bytes: number };
  variants: { objects: number; bytes: number };
  trash: { images: number; bytes: number };
};
