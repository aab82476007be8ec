import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import type { DoctorStatus } from "@/lib/enums/doctor-statuses";
import type { Storage } from "@/lib/storage/storage";

export type DoctorDeps = { db: Database; storage: Storage; limits: Config["limits"] };

const FINDING_KINDS = [
  // a row whose original is gone (fix: mark the row object_state = 'missing')
  "missing_object",
  // a row the doctor already marked missing: still broken, nothing left to fix
  "marked_missing",
  // the original's size (or, with verifyChecksums, its sha256) is not what the row says (fix: mark missing)
  "checksum_mismatch",
  // a variant row whose object is gone, or whose size differs (fix: regenerate from the original)
  "missing_variant",
  "broken_variant",
  // a derived image row with no thumb row at all (fix: regenerate)
  "missing_thumb",
  // an image whose variants are still to be made long after its post (fix: derive it now)
  "overdue_derivation",
  // an image whose original the worker could not decode (nothing to repair: delete it, or post a good file)
  "failed_derivation",
  // an object under originals/ or variants/ that no row names, older than the grace period (fix: delete)
  "orphan_object",
  // a direct upload's leftovers, collectable (never "broken"): a staging object of an abandoned or a finished
  // upload, or a pending row never completed (fix: delete / mark failed)
  "stale_staging_object",
  "stale_pending_upload",
] as const;
type FindingKind = (typeof FINDING_KINDS)[number];

export type Finding = {
  kind: FindingKind;
  key?: string;
  imageId?: string;
  uploadId?: string;
  detail?: string;
  fixed: boolean;
};

export type DoctorReport = {
  status: DoctorStatus;
  fix: boolean;
  verify_checksums: boolean;
  started_at: string;
  duration_ms: number;
  checked: { images: number; variants: number; objects: number };
  /** Bytes the rows record (soft-deleted included) and bytes the bucket listing shows, per prefix. */
  bytes?: Record<"originals" | "variants", { rows: number; listed: number }>;
  counts: Partial<Record<FindingKind, { found: number; fixed: number }>>;
  examples: Partial<Record<FindingKind, Omit<Finding, "kind">[]>>;
};

// Marking a row missing records the loss; it does not bring the bytes back, so these stay "broken".
const LOSS_KINDS: ReadonlySet<FindingKind> = new Set([
  "missing_object",
  "marked_missing",
  "checksum_mismatch",
]);

// Leftovers of direct uploads: a staging object (an abandoned upload's, or one a PUT re-created after its upload
// completed: a presigned URL cannot be revoked on S3) or a pending row nobody completes. No row names them and no
// answer depends on them, so they never make the library broken: --fix removes them, and so does the bucket's
// lifecycle rule for staging/ (README, Deployment).
const COLLECTABLE_KINDS: ReadonlySet<FindingKind> = new Set(["stale_staging_object", "stale_pending_upload"]);

type FindingTally = {
  add: (finding: Finding) => void;
  /** clean: nothing wrong (collectable leftovers may be counted); fixed: something was repaired and nothing is
   * wrong; broken: something is still wrong or lost. */
  result: () => Pick<DoctorReport, "status" | "counts" | "examples">;
};

/** Counts and the first few examples per kind, kept as findings arrive, so no list of findings is held. */
export function createFindingTally(examplesPerKind: number): FindingTally {
  const counts: DoctorReport["counts"] = {};
  const examples: DoctorReport["examples"] = {};
  let repaired = false;
  let broken = false;
  return {
    add({ kind, ...rest }) {
      if (rest.fixed) repaired = true;
      if ((!rest.fixed && !COLLECTABLE_KINDS.has(kind)) || LOSS_KINDS.has(kind)) broken = true;
      const count = counts[kind] ?? { found: 0, fixed: 0 };
      count.found += 1;
      if (rest.fixed) count.fixed += 1;
      counts[kind] = count;
      const list = examples[kind] ?? [];
      if (list.length < examplesPerKind) list.push(rest);
      examples[kind] = list;
    },
    result: () => ({ status: broken ? "broken" : repaired ? "fixed" : "clean", counts, examples }),
  };
}
