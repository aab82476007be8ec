import "server-only";
import { statusOf } from "@/lib/http/responses/errors";
import type { RenderResponse, StoredResponse } from "@/lib/http/wrappers/idempotency";
import { type IngestDeps, ingestImage } from "@/lib/images/ingest/ingest-image";
import { getImage } from "@/lib/images/record/get-image";
import { signImageUrls } from "@/lib/images/record/image-record";
import type { ParsedIngestRequest } from "./parse-ingest-request";

/** What an Idempotency-Key keeps of a stored image: its id and whether it was a duplicate, never signed URLs. */
type StoredImage = { id: string; duplicate: boolean };

/** POST /api/v1/images: 201 for a new image, 200 with `duplicate: true` for bytes already stored, or the error. */
export async function postImage(deps: IngestDeps, request: ParsedIngestRequest): Promise<StoredResponse> {
  const outcome = await ingestImage(deps, {
    bytes: request.bytes,
    sha256: request.fileSha256,
    metadata: request.metadata,
    source: "api",
  });
  if (!outcome.ok) return { status: statusOf(outcome.error.code), body: { error: outcome.error } };
  const { image, duplicate } = outcome.value;
  const urls = await signImageUrls(deps.storage, image);
  return { ...imageAnswer(image.id, duplicate), firstBody: { ...image, urls, duplicate } };
}

/** The stored form of an ingest answer (also for completed direct uploads). */
export function imageAnswer(id: string, duplicate: boolean): StoredResponse {
  return { status: duplicate ? 200 : 201, body: { id, duplicate } satisfies StoredImage };
}

/**
 * A replay's answer from its stored form: the image as it is now, with URLs signed now. Answers stored before this form
 * held the whole record, which has `id` and `duplicate` too. Errors are stored as they are.
 */
export function renderImageAnswer(deps: Pick<IngestDeps, "db" | "storage">): RenderResponse {
  return async (stored) => {
    if (stored.status >= 300) return stored;
    const { id, duplicate } = stored.body as StoredImage;
    const image = await getImage(deps, id);
    if (!image.ok) return { status: statusOf(image.error.code), body: { error: image.error } };
    return { status: stored.status, body: { ...image.value, duplicate } };
  };
}
