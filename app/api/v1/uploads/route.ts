import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { renderUploadAnswer, storedUploadAnswer } from "@/lib/http/upload-answer";
import { createUpload, createUploadSchema } from "@/lib/images/direct-uploads";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: createUploadSchema, idempotent: { render: renderUploadAnswer } },
  async ({ ctx, principal, body }) =>
    storedUploadAnswer(storedResult(await createUpload(ctx, { apiKeyId: principal.id }, body), 201)),
);
