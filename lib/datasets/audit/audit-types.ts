import type { MemberFilter } from "../member-filter";
import type { NearDuplicateClusters } from "./near-duplicate-clusters";

// What the audit answers (lib/datasets/audit/audit-dataset.ts), apart from how it is computed: the warnings
// (audit-warnings.ts) and the page's panel read these types without importing the queries.

export type AuditWarning = {
  code: string;
  message: string;
  count: number;
  /** The workbench filter that shows these images. */
  filter: MemberFilter;
};
export type CriticDistribution = {
  critic: string;
  critiques: number;
  mean: number | null;
  rejects: number;
  /** Critiques per tenth of the normalised score, 0–0.1 first. */
  histogram: number[];
};
export type DatasetAudit = {
  dataset_id: string;
  /** Freeze with expected_revision set to this: the freeze then holds exactly what was audited. */
  revision: number;
  image_count: number;
  warnings: AuditWarning[];
  near_duplicates: NearDuplicateClusters;
  without_hash: number;
  short_sides: { bucket: string; count: number }[];
  aspect_ratios: { bucket: string; count: number }[];
  missing_captions: number;
  small_images: number;
  review_statuses: { status: string; count: number }[];
  critics: CriticDistribution[];
};
