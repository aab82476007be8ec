import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { images } from "@/db/schema";
import { type IngestDeps, ingestImage } from "@/lib/images/ingest-image";
import type { IngestMetadata } from "@/lib/images/ingest-metadata";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";
import type { ImportFile } from "./list-import-files";
import { readSidecars } from "./read-sidecars";

export type ImportFileOutcome =
  | { status: "imported" | "duplicate"; imageId: string; bytes: number }
  | { status: "failed"; reason: string; bytes: number };

export type ImportFileOptions = { run?: string; tags: string[]; addedBy?: string | null };

/**
 * One file through the ingest pipeline. A sha256 already stored is skipped before anything is decoded or
 * uploaded, which is what makes a re-run of an interrupted import cheap.
 */
export async function importFile(
  deps: IngestDeps,
  file: ImportFile,
  options: ImportFileOptions,
): Promise<ImportFileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file.path));
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
  if (stored) return { status: "duplicate", imageId: stored.id, bytes: bytes.length };

  const sidecars = await readSidecars(file);
  if (!sidecars.ok) return { status: "failed", reason: sidecars.error.message, bytes: bytes.length };
  const metadata = await withCaption(bytes, sidecars.value.metadata, sidecars.value.caption);
  const run = metadata.run ?? options.run;
  const tags = [...options.tags, ...(metadata.tags ?? [])];
  const result = await ingestImage(deps, {
    bytes,
    source: "import",
    addedBy: options.addedBy ?? null,
    metadata: { ...metadata, ...(run ? { run } : {}), tags },
  });
  if (!result.ok) return { status: "failed", reason: result.error.message, bytes: bytes.length };
  const { image, duplicate } = result.value;
  return { status: duplicate ? "duplicate" : "imported", imageId: image.id, bytes: bytes.length };
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
