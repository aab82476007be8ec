import "server-only";
import { createHash } from "node:crypto";
import { type BucketArchive, buildBucketArchive } from "@/lib/datasets/export/bucket-archive";
import { planZip } from "@/lib/datasets/export/zip-layout";
import type { Database } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import type { HandoffSelection } from "./handoff-selection";
import { HANDOFF_MANIFEST, planHandoff } from "./plan-handoff";

// Part of the archive's name: a change to the archive's bytes must not reuse archives built the old way.
const ARCHIVE_FORMAT = "lightbox-handoff-zip-1";

/**
 * A selection's originals (byte for byte, sha256-verified as they stream from the bucket), a JSON sidecar each
 * and manifest.jsonl, as a ZIP built in the bucket the way dataset exports are (bucket-archive.ts: resumable
 * part by part, reused by a second request). Named by the manifest's hash, which holds every file's sha256, so
 * the same images in the same state are one archive, and a review or tag since gives a new one.
 */
export async function exportHandoffArchive(
  deps: { db: Database; storage: Storage },
  target: { selection: HandoffSelection; viewerId: string | null },
  options: { sliceMs?: number; partBytes?: number } = {},
): Promise<Result<BucketArchive>> {
  const planned = await planHandoff(deps, target.selection, target.viewerId);
  if (!planned.ok) return planned;
  const { files, manifest } = planned.value;
  const archiveSha256 = createHash("sha256").update(`${ARCHIVE_FORMAT}\n`).update(manifest).digest("hex");
  const layout = () => {
    const plan = planZip(
      [
        ...files.map((file) => ({ name: file.path, size: file.size, crcKnownUpFront: false })),
        { name: HANDOFF_MANIFEST, size: manifest.length, crcKnownUpFront: true },
      ],
      { forceZip64: false },
    );
    return { plan, bodies: (index: number) => files[index]?.body ?? manifest };
  };
  const fileName = `lightbox-handoff-${planned.value.images}-images-${archiveSha256.slice(0, 12)}.zip`;
  return buildBucketArchive(deps, { archiveSha256, fileName, layout }, options);
}
