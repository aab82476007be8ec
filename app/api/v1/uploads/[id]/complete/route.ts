import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";
import { imageAnswer, renderImageAnswer } from "@/lib/http/post-image";
import { completeUpload } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be an upload id") });
const bodySchema = z.object({ metadata: ingestMetadataSchema.default({}) }).strict();

export const POST = apiRoute<{ id: string }>({ scope: "ingest" }, async ({ req, principal, params }) => {
  const { id } = paramsSchema.parse(params);
  const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
  return idempotentPost(req, principal, {
    run: async (body) => {
      const { metadata } = bodySchema.parse(body ?? {});
      const result = await completeUpload(deps, { apiKeyId: principal.id }, id, metadata);
      return result.ok ? imageAnswer(result.value.id, result.value.duplicate) : storedResult(result);
    },
    render: renderImageAnswer(deps),
  });
});
