import "server-only";
import { createHash } from "node:crypto";
import { EntryChangedError } from "@/lib/datasets/export/archive-bytes";
import { verifiedObjectChunks } from "@/lib/datasets/export/verified-object-chunks";
import type { Database } from "@/lib/db/client";
import { ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { handoffPath, sidecarPath } from "./handoff-names";
import { type HandoffImage, type HandoffSelection, listHandoffImages } from "./handoff-selection";
import { loadSidecars } from "./handoff-sidecars";

export const HANDOFF_MANIFEST = "manifest.jsonl";
// Sidecars are made this many at a time (five queries a batch), while planning and again while writing.
const SIDECAR_BATCH = 200;

/** One file of a handoff: its path, size and sha256 known before a byte is written, its bytes read when asked. */
type HandoffFile = {
  path: string;
  size: number;
  sha256: string;
  body: () => AsyncIterable<Uint8Array>;
};
export type HandoffPlan = { files: HandoffFile[]; manifest: Buffer; images: number; bytes: number };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Every file of a handoff, in order (each original, then its JSON sidecar), and the manifest (one line per file
 * with its sha256). Sidecars are made in batches to measure and hash them, then let go: memory holds one batch,
 * whatever the selection's size. When a sidecar is made again to be written and its bytes differ (the image was
 * reviewed, tagged or scored meanwhile), writing stops with EntryChangedError rather than ship a manifest that lies.
 */
export async function planHandoff(
  deps: { db: Database; storage: Storage },
  selection: HandoffSelection,
  viewerId: string | null,
): Promise<Result<HandoffPlan>> {
  const listed = await listHandoffImages(deps.db, selection, viewerId);
  if (!listed.ok) return listed;
  const taken = new Set<string>();
  const entries = listed.value.map((image) => {
    const path = handoffPath(image, taken);
    return { image, path, sidecar: sidecarPath(path) };
  });
  const measured = new Map<string, { size: number; sha256: string }>();
  for (let start = 0; start < entries.length; start += SIDECAR_BATCH) {
    const batch = entries.slice(start, start + SIDECAR_BATCH);
    const made = await loadSidecars(
      deps.db,
      batch.map(({ image, sidecar }) => ({ id: image.id, path: sidecar })),
    );
    for (const [id, bytes] of made) measured.set(id, { size: bytes.length, sha256: sha256(bytes) });
  }
  const sidecarBody = sidecarSource(deps.db, entries);
  const files: HandoffFile[] = [];
  for (const [index, { image, path, sidecar }] of entries.entries()) {
    const { storage } = deps;
    files.push({
      path,
      size: image.byteSize,
      sha256: image.sha256,
      body: () => verifiedObjectChunks(storage, image.objectKey, image.sha256),
    });
    const sidecarMeasure = measured.get(image.id) ?? { size: 0, sha256: "" };
    files.push({ path: sidecar, ...sidecarMeasure, body: () => sidecarBody(index, sidecarMeasure) });
  }
  const manifest = files
    .map((file, index) => {
      const image = entries[Math.floor(index / 2)]?.image as HandoffImage;
      const kind = index % 2 === 0 ? "original" : "sidecar";
      return `${JSON.stringify({ path: file.path, sha256: file.sha256, byte_size: file.size, image_id: image.id, kind })}\n`;
    })
    .join("");
  const bytes = files.reduce((total, file) => total + file.size, 0);
  return ok({ files, manifest: Buffer.from(manifest, "utf8"), images: entries.length, bytes });
}

/**
 * Entry `index`'s sidecar, made again as it is written: the batch it falls in is made at once and kept until the
 * writer moves past it (writers go in order), and bytes that no longer hash as planned throw EntryChangedError.
 */
function sidecarSource(db: Database, entries: { image: HandoffImage; sidecar: string }[]) {
  let batch: { start: number; made: Map<string, Buffer> } | null = null;
  return async function* (index: number, planned: { sha256: string }): AsyncGenerator<Uint8Array> {
    const entry = entries[index];
    if (!entry) return;
    if (!batch || index < batch.start || index >= batch.start + SIDECAR_BATCH) {
      const slice = entries.slice(index, index + SIDECAR_BATCH);
      batch = {
        start: index,
        made: await loadSidecars(
          db,
          slice.map(({ image, sidecar }) => ({ id: image.id, path: sidecar })),
        ),
      };
    }
    const bytes = batch.made.get(entry.image.id);
    if (!bytes || sha256(bytes) !== planned.sha256) throw new EntryChangedError(entry.sidecar);
    yield bytes;
  };
}
