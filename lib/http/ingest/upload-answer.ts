import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { uploads } from "@/lib/db/schema";
import type { RenderResponse, StoredResponse } from "@/lib/http/wrappers/idempotency";
import { signPutUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";

type CreatedUpload = { id: string; upload_url?: string; expires_at: string };

/** What an Idempotency-Key keeps of a created upload: everything but the presigned URL (the first answer has it). */
export function storedUploadAnswer(answer: StoredResponse): StoredResponse {
  if (answer.status >= 300) return answer;
  const { upload_url: _url, ...rest } = answer.body as CreatedUpload;
  return { status: answer.status, body: rest, firstBody: answer.body };
}

/**
 * A replayed upload's answer with its PUT URL signed now, valid until the upload's own expiry (a replay never
 * extends it). Once the upload has expired the URL is refused by the store, as the first one would be.
 */
export function renderUploadAnswer(deps: { db: Database; storage: Storage }): RenderResponse {
  return async (stored) => {
    if (stored.status >= 300) return stored;
    const body = stored.body as CreatedUpload;
    const [upload] = await deps.db.select().from(uploads).where(eq(uploads.id, body.id));
    if (!upload) return stored;
    const remainingSeconds = Math.max(1, Math.floor((upload.expiresAt.getTime() - Date.now()) / 1000));
    const url = await signPutUrl(deps.storage, upload.stagingKey, {
      contentType: upload.contentType,
      contentLength: upload.byteSize,
      expiresInSeconds: remainingSeconds,
    });
    return { status: stored.status, body: { ...body, upload_url: url } };
  };
}
