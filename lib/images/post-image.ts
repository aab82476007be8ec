import "server-only";
import type { ApiKeyPrincipal } from "@/lib/auth/api-keys";
import { statusOf } from "@/lib/http/errors";
import { type StoredResponse, withIdempotency } from "@/lib/http/idempotency";
import { signImageUrls } from "./image-record";
import { type IngestDeps, ingestImage } from "./ingest-image";
import type { ParsedIngestRequest } from "./parse-ingest-request";

/**
 * POST /api/v1/images behind its Idempotency-Key: 201 with the new record, 200 with `duplicate: true` for bytes
 * already stored, or the error envelope. Replays return the first response verbatim.
 */
export async function postImage(
  deps: IngestDeps,
  principal: ApiKeyPrincipal,
  request: ParsedIngestRequest,
  idempotencyKey: string | null,
) {
  return withIdempotency(
    deps.db,
    { apiKeyId: principal.id, key: idempotencyKey, requestSha256: request.requestSha256 },
    async (): Promise<StoredResponse> => {
      const outcome = await ingestImage(deps, {
        bytes: request.bytes,
        metadata: request.metadata,
        source: "api",
      });
      if (!outcome.ok) return { status: statusOf(outcome.error.code), body: { error: outcome.error } };
      const { image, duplicate } = outcome.value;
      return {
        status: duplicate ? 200 : 201,
        body: { ...image, urls: await signImageUrls(deps.storage, image), duplicate },
      };
    },
  );
}
