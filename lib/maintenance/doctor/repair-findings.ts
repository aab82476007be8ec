import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { fencedWrite } from "@/lib/db/request-fence";
import { images, uploads } from "@/lib/db/schema";
import { deriveImage } from "@/lib/images/derive/derive-image";
import { deleteObject } from "@/lib/storage/objects";
import type { DoctorDeps, Finding } from "./doctor-report";
import { regenerateVariants } from "./regenerate-variants";

const LOST_KINDS = new Set(["missing_object", "checksum_mismatch"]);

/**
 * Repairs one batch of row and object findings and sets `fixed` on those it repaired. Never deletes meaning: rows
 * with lost or corrupt bytes are marked `object_state = 'missing'`, not removed; only objects no row names are
 * deleted. Variant findings are not repaired here but by `regenerateImageVariants`, after every orphan sweep.
 */
export async function repairFindings(deps: DoctorDeps, findings: Finding[]): Promise<void> {
  const toMark = findings.filter((finding) => LOST_KINDS.has(finding.kind));
  const markIds = [...new Set(toMark.flatMap((finding) => (finding.imageId ? [finding.imageId] : [])))];
  if (markIds.length > 0) {
    await fencedWrite(deps.db, (q) =>
      q.update(images).set({ objectState: "missing" }).where(inArray(images.id, markIds)),
    );
    for (const finding of toMark) finding.fixed = true;
  }

  for (const finding of findings) {
    // The worker's work, done here (idempotent: a worker doing it at the same time changes nothing twice).
    if (finding.kind === "overdue_derivation") {
      finding.fixed = (await deriveImage(deps, finding.imageId ?? "").catch(() => "skipped")) === "derived";
    }
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
}

/**
 * Remakes the variants of the images these findings name, from their originals, and marks the findings fixed when
 * that worked. Run last, so the orphan sweep cannot delete what is regenerated here (a variant whose row was lost
 * is an orphan until its row is back). An image whose original is lost or corrupt fails its sha256 check and keeps
 * its findings open.
 */
export async function regenerateImageVariants(
  deps: DoctorDeps,
  findingsByImage: Map<string, Finding[]>,
): Promise<void> {
  const ids = [...findingsByImage.keys()];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await deps.db
      .select({
        id: images.id,
        sha256: images.sha256,
        objectKey: images.objectKey,
        byteSize: images.byteSize,
        objectState: images.objectState,
        contentType: images.contentType,
      })
      .from(images)
      .where(inArray(images.id, ids.slice(start, start + 500)));
    for (const image of rows) {
      if (image.objectState === "missing") continue;
      if (!(await regenerateVariants(deps, image)).ok) continue;
      for (const finding of findingsByImage.get(image.id) ?? []) finding.fixed = true;
    }
  }
}
