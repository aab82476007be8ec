import "server-only";
import { createHash } from "node:crypto";
import type { Config } from "@/lib/config";
import { err, ok, type Result } from "@/lib/http/errors";
import { zodIssues } from "@/lib/http/respond";
import { type IngestMetadata, ingestMetadataSchema } from "./ingest-metadata";

export type ParsedIngestRequest = { bytes: Uint8Array; metadata: IngestMetadata; requestSha256: string };

// Multipart framing around the file: allow this much over the byte limit before refusing unread.
const MULTIPART_OVERHEAD = 1024 * 1024;

/** Reads `file` + optional `metadata` (JSON) from a multipart POST, refusing oversized bodies before reading. */
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
  if (!req.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return err(
      "unsupported_media_type",
      "Send multipart/form-data with a `file` part and an optional `metadata` JSON part",
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return err("invalid_request", "The multipart body could not be read");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) {
    return err("invalid_request", "file is required", [{ path: "file", message: "a file part is required" }]);
  }
  const metadataText = form.get("metadata");
  if (metadataText !== null && typeof metadataText !== "string") {
    return err("invalid_request", "metadata must be a JSON text part, not a file");
  }
  const metadata = parseMetadata(metadataText ?? "{}");
  if (!metadata.ok) return metadata;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // What makes a retry "the same request": the bytes and the metadata text (multipart boundaries vary).
  const requestSha256 = createHash("sha256")
    .update(createHash("sha256").update(bytes).digest())
    .update(metadataText ?? "")
    .digest("hex");
  return ok({ bytes, metadata: metadata.value, requestSha256 });
}

export function parseMetadata(text: string): Result<IngestMetadata> {
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
