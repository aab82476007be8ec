import "server-only";
import { createHash } from "node:crypto";
import type { Config } from "@/lib/config";
import { readMultipart } from "@/lib/http/bodies/read-multipart";
import { zodIssues } from "@/lib/http/responses/respond";
import { type IngestMetadata, ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";
import { err, ok, type Result } from "@/lib/result";

export type ParsedIngestRequest = {
  bytes: Uint8Array;
  metadata: IngestMetadata;
  requestSha256: string;
  /** The sha256 of `bytes`, hashed once here for both the request hash and the ingest. */
  fileSha256: string;
};

// The metadata JSON, ComfyUI workflow graph included (large ones are a few hundred KB), and any other text parts.
export const MAX_METADATA_BYTES = 2 * 1024 * 1024;
// Clients may add a text part or two we ignore (a filename, a client name); more than this is not a real upload.
const MAX_TEXT_PARTS = 4;
// Multipart framing around the file: allow this much over the byte limit before refusing unread.
const MULTIPART_OVERHEAD = MAX_METADATA_BYTES + 1024 * 1024;

/**
 * Reads `file` + optional `metadata` (JSON) from a multipart POST. A declared Content-Length over the limits is
 * refused before reading; a chunked body is streamed and refused as soon as it passes them, never read whole.
 */
export async function parseIngestRequest(
  req: Request,
  limits: Config["limits"],
): Promise<Result<ParsedIngestRequest>> {
  const declaredLength = Number(req.headers.get("content-length") ?? "0");
  if (declaredLength > limits.maxUploadBytes + MULTIPART_OVERHEAD) {
    return err(
      "payload_too_large",
      `The request is ${declaredLength} bytes; the limit is ${limits.maxUploadBytes} per image`,
    );
  }
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    return err(
      "unsupported_media_type",
      "Send multipart/form-data with a `file` part and an optional `metadata` JSON part",
    );
  }
  const form = await readMultipart(req.body, contentType, {
    fileField: "file",
    fileBytes: limits.maxUploadBytes,
    textBytes: MAX_METADATA_BYTES,
    fields: MAX_TEXT_PARTS,
  });
  if (!form.ok) return form;
  const bytes = form.value.file;
  if (!bytes) {
    return err("invalid_request", "file is required", [{ path: "file", message: "a file part is required" }]);
  }
  const metadataText = form.value.fields.get("metadata");
  const metadata = parseMetadata(metadataText ?? "{}");
  if (!metadata.ok) return metadata;
  // What makes a retry "the same request": the bytes and the metadata text (multipart boundaries vary).
  const fileSha256 = createHash("sha256").update(bytes).digest();
  const requestSha256 = createHash("sha256")
    .update(fileSha256)
    .update(metadataText ?? "")
    .digest("hex");
  return ok({ bytes, metadata: metadata.value, requestSha256, fileSha256: fileSha256.toString("hex") });
}

function parseMetadata(text: string): Result<IngestMetadata> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err("invalid_request", "metadata is not valid JSON");
  }
  const parsed = ingestMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error).map((issue) => ({
      ...issue,
      path: `metadata.${issue.path}`.replace(/\.$/, ""),
    }));
    return err("invalid_request", `${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  return ok(parsed.data);
}
