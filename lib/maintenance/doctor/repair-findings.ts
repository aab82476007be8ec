import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { images, uploads } from "@/db/schema";
import { deleteObject } from "@/lib/storage/objects";
import type { OriginalRow } from "./check-originals";
import type { DoctorDeps, Finding } from "./doctor-report";
import { regenerateVariants } from "./regenerate-variants";

const VARIANT_KINDS = new Set(["missing_variant", "broken_variant", "missing_thumb"]);
const LOST_KINDS = new Set(["missing_object", "checksum_mismatch", "marked_missing"]);

/**
 * Repairs what can be repaired and sets `fixed` on those findings. Never deletes meaning: rows with lost or corrupt
 * bytes are marked `object_state = 'missing'`, not removed; only objects no row names are deleted.
 */
export async function repairFindings(
  deps: DoctorDeps,
  findings: Finding[],
  imagesById: Map<string, OriginalRow>,
): Promise<void> {
  const lost = findings.filter((finding) => LOST_KINDS.has(finding.kind));
  const toMark = lost.filter((finding) => finding.kind !== "marked_missing");
  const markIds = [...new Set(toMark.flatMap((finding) => (finding.imageId ? [finding.imageId] : [])))];
  if (markIds.length > 0) {
    await deps.db.update(images).set({ objectState: "missing" }).where(inArray(images.id, markIds));
    for (const finding of toMark) finding.fixed = true;
  }

  for (const finding of findings) {
    if (finding.kind === "orphan_object" || finding.kind === "stale_staging_object") {
      finding.fixed = (await deleteObject(deps.storage, finding.key ?? "")).ok;
    }
    if (finding.kind === "stale_staging_object" || finding.kind === "stale_pending_upload") {
      const where =
        finding.kind === "stale_pending_upload"
          ? eq(uploads.id, finding.uploadId ?? "")
          : eq(uploads.stagingKey, finding.key ?? "");
      await deps.db
        .update(uploads)
        .set({ status: "failed" })
        .where(and(where, eq(uploads.status, "pending")));
      if (finding.kind === "stale_pending_upload") {
        finding.fixed = (await deleteObject(deps.storage, finding.key ?? "")).ok;
      }
    }
  }

  // Last, so the orphan sweep cannot delete what is regenerated here (a variant whose row was lost is an orphan
  // until its row is back). Variants come from the original: an image whose original is lost keeps them open.
  const lostIds = new Set(lost.map((finding) => finding.imageId));
  const variantFindings = findings.filter((finding) => VARIANT_KINDS.has(finding.kind));
  for (const imageId of new Set(variantFindings.map((finding) => finding.imageId))) {
    const image = imageId ? imagesById.get(imageId) : undefined;
    if (!image || lostIds.has(imageId)) continue;
    const regenerated = await regenerateVariants(deps, image);
    if (!regenerated.ok) continue;
    for (const finding of variantFindings) if (finding.imageId === imageId) finding.fixed = true;
  }
}
