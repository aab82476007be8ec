import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";
import { createUpload, createUploadSchema } from "@/lib/images/direct-uploads";
import { renderUploadAnswer, storedUploadAnswer } from "@/lib/images/upload-answer";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req, principal }) => {
  const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
  return idempotentPost(req, principal, {
    run: async (body) => {
      const input = createUploadSchema.parse(body);
      return storedUploadAnswer(
        storedResult(await createUpload(deps, { apiKeyId: principal.id }, input), 201),
      );
    },
    render: renderUploadAnswer(deps),
  });
});
