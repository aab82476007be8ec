import { readFile } from "node:fs/promises";
import path from "node:path";
import { type IngestMetadata, ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";
import { err, ok, type Result } from "@/lib/result";
import type { ImportFile } from "./list-import-files";

export type Sidecars = { metadata: IngestMetadata; caption: string | null };

/** The `.json` (API metadata schema) and `.txt` (caption) beside an image; an invalid `.json` fails the file. */
export async function readSidecars(file: ImportFile): Promise<Result<Sidecars>> {
  let metadata: IngestMetadata = {};
  if (file.metadataPath) {
    const name = path.basename(file.metadataPath);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file.metadataPath, "utf8"));
    } catch {
      return err("invalid_request", `sidecar ${name} is not valid JSON`);
    }
    const checked = ingestMetadataSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return err("invalid_request", `sidecar ${name}: ${where}${issue?.message ?? "invalid"}`);
    }
    metadata = checked.data;
  }
  const caption = file.captionPath ? tidyCaption(await readFile(file.captionPath, "utf8")) : null;
  return ok({ metadata, caption: caption || null });
}

function tidyCaption(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\s+/g, " ")
    .trim();
}
