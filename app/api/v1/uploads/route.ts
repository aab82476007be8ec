import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { type RenderResponse, storedResult } from "@/lib/http/idempotency";
import { renderUploadAnswer, storedUploadAnswer } from "@/lib/http/upload-answer";
import { createUpload, createUploadSchema } from "@/lib/images/direct-uploads";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

const uploadDeps = () => ({ db: getDb(), storage: getStorage(), limits: getConfig().limits });
const render: RenderResponse = (stored) => renderUploadAnswer(uploadDeps())(stored);

export const POST = apiRoute(
  { scope: "ingest", body: createUploadSchema, idempotent: { render } },
  async ({ principal, body }) =>
    storedUploadAnswer(storedResult(await createUpload(uploadDeps(), { apiKeyId: principal.id }, body), 201)),
);
