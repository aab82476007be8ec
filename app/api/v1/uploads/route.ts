import { renderUploadAnswer, storedUploadAnswer } from "@/lib/http/ingest/upload-answer";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { createUpload, createUploadSchema } from "@/lib/images/uploads/direct-uploads";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: createUploadSchema, idempotent: { render: renderUploadAnswer } },
  async ({ ctx, principal, body }) =>
    storedUploadAnswer(storedResult(await createUpload(ctx, { apiKeyId: principal.id }, body), 201)),
);
