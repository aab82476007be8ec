import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { prepareExportFolder } from "@/lib/datasets/export/export-version-folder";
import type { Database } from "@/lib/db/client";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import type { HandoffSelection } from "./handoff-selection";
import { HANDOFF_MANIFEST, planHandoff } from "./plan-handoff";

export type HandoffFolder = { dir: string; images: number; bytes: number };

/**
 * Writes a selection's handoff to `dir` (new or empty): `generations/…` originals and sidecars, each written to
 * a `.partial` file and renamed when whole, then manifest.jsonl last (its presence means the handoff is complete).
 * Files are written one after another, in the manifest's order.
 */
export async function exportHandoffFolder(
  deps: { db: Database; storage: Storage },
  target: { selection: HandoffSelection; dir: string },
): Promise<Result<HandoffFolder>> {
  const planned = await planHandoff(deps, target.selection, null);
  if (!planned.ok) return planned;
  const folder = await prepareExportFolder(target.dir);
  if (!folder.ok) return folder;
  for (const file of planned.value.files) {
    const destination = path.join(target.dir, ...file.path.split("/"));
    const partial = `${destination}.partial`;
    try {
      await mkdir(path.dirname(destination), { recursive: true });
      await pipeline(Readable.from(file.body()), createWriteStream(partial, { flags: "wx" }));
      await rename(partial, destination);
    } catch (error) {
      await rm(partial, { force: true });
      const reason = error instanceof Error ? error.message : String(error);
      return err("conflict", `${reason}. ${target.dir} is incomplete (no ${HANDOFF_MANIFEST}).`);
    }
  }
  await writeFile(path.join(target.dir, HANDOFF_MANIFEST), planned.value.manifest);
  return ok({ dir: target.dir, images: planned.value.images, bytes: planned.value.bytes });
}
