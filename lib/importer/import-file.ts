import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { type IngestDeps, ingestImage } from "@/lib/images/ingest/ingest-image";
import type { IngestMetadata } from "@/lib/images/ingest/ingest-metadata";
import { assignImageRun, type RunAssignment } from "@/lib/images/runs/assign-image-run";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import type { ErrorCode } from "@/lib/result";
import type { ImportFile } from "./list-import-files";
import { readSidecars } from "./read-sidecars";

export type ImportFileOutcome =
  | { status: "imported"; imageId: string; bytes: number }
  /** `run`: what became of `--run` for a file already stored (absent without `--run`). */
  | { status: "duplicate"; imageId: string; bytes: number; run?: RunAssignment }
  /** `code`: why, when the ingest said (a watcher retries storage_unavailable, not a file that is no image). */
  | { status: "failed"; reason: string; bytes: number; code?: ErrorCode };

export type ImportFileOptions = { run?: string; tags: string[]; addedBy?: string | null };

/**
 * One file through the ingest pipeline. A sha256 already stored is skipped before anything is decoded or
 * uploaded, which is what makes a re-run of an interrupted import cheap; with `--run` it still joins that run.
 */
export async function importFile(
  deps: IngestDeps,
  file: ImportFile,
  options: ImportFileOptions,
): Promise<ImportFileOutcome> {
  let bytes: Uint8Array;
  try {
    // A Buffer is a Uint8Array already: no copy.
    bytes = await readFile(file.path);
  } catch (error) {
    return {
      status: "failed",
      reason: `cannot read the file (${(error as NodeJS.ErrnoException).code})`,
      bytes: 0,
    };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const [stored] = await deps.db
    .select({ id: images.id })
    .from(images)
    .where(eq(images.sha256, sha256))
    .limit(1);
  if (stored) {
    const run = options.run ? await assignImageRun(deps.db, stored.id, options.run) : undefined;
    return { status: "duplicate", imageId: stored.id, bytes: bytes.length, ...(run ? { run } : {}) };
  }

  const sidecars = await readSidecars(file);
  if (!sidecars.ok)
    return {
      status: "failed",
      reason: sidecars.error.message,
      bytes: bytes.length,
      code: sidecars.error.code,
    };
  const metadata = await withCaption(bytes, sidecars.value.metadata, sidecars.value.caption);
  const run = metadata.run ?? options.run;
  const tags = [...options.tags, ...(metadata.tags ?? [])];
  const input = {
    bytes,
    sha256,
    // Looked up just above: the ingest's own early duplicate check would repeat that query.
    isKnownNew: true,
    source: "import" as const,
    addedBy: options.addedBy ?? null,
    metadata: { ...metadata, ...(run ? { run } : {}), tags },
  };
  let result = await ingestImage(deps, input);
  // The workers are behind: wait as long as the answer says, then send the file again (an import never fails
  // for being fast; it goes at the pace the workers clear).
  while (!result.ok && result.error.code === "overloaded") {
    const { details } = result.error;
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs(details)));
    result = await ingestImage(deps, input);
  }
  if (!result.ok)
    return { status: "failed", reason: result.error.message, bytes: bytes.length, code: result.error.code };
  const { image, duplicate } = result.value;
  if (!duplicate) return { status: "imported", imageId: image.id, bytes: bytes.length };
  // Stored by someone else between our sha256 look-up and the ingest: treat it as the duplicate it is.
  const assigned = run ? await assignImageRun(deps.db, image.id, run) : undefined;
  return {
    status: "duplicate",
    imageId: image.id,
    bytes: bytes.length,
    ...(assigned ? { run: assigned } : {}),
  };
}

function retryAfterMs(details: unknown): number {
  const seconds = (details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds;
  return (typeof seconds === "number" ? seconds : 2) * 1000;
}

/**
 * A sidecar caption is kept as `params.caption`, and becomes the prompt only when neither the sidecar nor the
 * file's embedded metadata has one (datasets caption from the prompt by default).
 */
async function withCaption(
  bytes: Uint8Array,
  metadata: IngestMetadata,
  caption: string | null,
): Promise<IngestMetadata> {
  if (!caption) return metadata;
  const params = { ...metadata.params, caption };
  if (metadata.prompt) return { ...metadata, params };
  const embedded = await readGenerationMetadata(bytes);
  return embedded.metadata.prompt ? { ...metadata, params } : { ...metadata, params, prompt: caption };
}
