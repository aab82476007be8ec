import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { type RenderResponse, storedResult } from "@/lib/http/idempotency";
import { idParams } from "@/lib/http/path-params";
import { imageAnswer, renderImageAnswer } from "@/lib/http/post-image";
import { completeUpload } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

const ingestDeps = () => ({ db: getDb(), storage: getStorage(), limits: getConfig().limits });
const render: RenderResponse = (stored) => renderImageAnswer(ingestDeps())(stored);
// An empty body completes the upload with no metadata.
const bodySchema = z
  .object({ metadata: ingestMetadataSchema.default({}) })
  .strict()
  .default({ metadata: {} });

export const POST = apiRoute(
  { scope: "ingest", params: idParams, body: bodySchema, idempotent: { render } },
  async ({ principal, params, body }) => {
    const result = await completeUpload(ingestDeps(), { apiKeyId: principal.id }, params.id, body.metadata);
    if (!result.ok) return storedResult(result);
    return { ...imageAnswer(result.value.id, result.value.duplicate), firstBody: result.value };
  },
);
