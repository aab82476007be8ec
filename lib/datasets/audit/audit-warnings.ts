import type { AuditWarning, DatasetAudit } from "./audit-types";
import { type AspectBucket, SMALL_SHORT_SIDE, THIN_BUCKET_IMAGES } from "./size-buckets";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const MAX_LINKED_IDS = 200;

/** The audit's findings as warnings, most consequential first; each names the workbench filter of its images. */
export function auditWarnings(audit: Omit<DatasetAudit, "warnings">): AuditWarning[] {
  const warnings: AuditWarning[] = [];
  const notApproved = audit.review_statuses
    .filter((row) => row.status !== "approved")
    .reduce((sum, row) => sum + row.count, 0);
  if (notApproved > 0) {
    warnings.push({
      code: "not_approved",
      message: `${plural(notApproved, "image")} no longer approved (rejected, conflicting or back in review)`,
      count: notApproved,
      filter: { status: "not_approved" },
    });
  }
  const { near_duplicates: near } = audit;
  if (near.cluster_count > 0) {
    warnings.push({
      code: "near_duplicates",
      message: `${plural(near.images_in_clusters, "image")} in ${plural(near.cluster_count, "near-duplicate cluster")}: keep one of each`,
      count: near.images_in_clusters,
      filter: { ids: near.clusters.flatMap((cluster) => cluster.image_ids).slice(0, MAX_LINKED_IDS) },
    });
  }
  if (audit.missing_captions > 0) {
    warnings.push({
      code: "missing_captions",
      message: `${plural(audit.missing_captions, "image")} without a caption`,
      count: audit.missing_captions,
      filter: { missing: "caption" },
    });
  }
  for (const critic of audit.critics.filter((row) => row.rejects > 0)) {
    warnings.push({
      code: "critic_rejects",
      message: `critic ${critic.critic} rejects ${plural(critic.rejects, "image")}`,
      count: critic.rejects,
      filter: { critic_rejects: critic.critic },
    });
  }
  if (audit.small_images > 0) {
    warnings.push({
      code: "small_images",
      message: `${plural(audit.small_images, "image")} under ${SMALL_SHORT_SIDE} px on the shorter side (a trainer upscales them)`,
      count: audit.small_images,
      filter: { short_side_below: SMALL_SHORT_SIDE },
    });
  }
  // One bucket is a uniform set; several, and a nearly empty one trains on tiny batches.
  const thinBuckets = audit.aspect_ratios.length > 1 ? audit.aspect_ratios : [];
  for (const bucket of thinBuckets.filter((row) => row.count < THIN_BUCKET_IMAGES)) {
    warnings.push({
      code: "thin_aspect_bucket",
      message: `aspect bucket ${bucket.bucket} holds only ${plural(bucket.count, "image")}`,
      count: bucket.count,
      filter: { aspect: bucket.bucket as AspectBucket },
    });
  }
  if (audit.without_hash > 0) {
    warnings.push({
      code: "without_hash",
      message: `${plural(audit.without_hash, "image")} not yet checked for near-duplicates (no perceptual hash)`,
      count: audit.without_hash,
      filter: {},
    });
  }
  return warnings;
}
