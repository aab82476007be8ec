import { z } from "zod";
import { imageAnswer, renderImageAnswer } from "@/lib/http/ingest/post-image";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";
import { ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";
import { completeUpload } from "@/lib/images/uploads/direct-uploads";

export const dynamic = "force-dynamic";

// An empty body completes the upload with no metadata.
const bodySchema = z
  .object({ metadata: ingestMetadataSchema.default({}) })
  .strict()
  .default({ metadata: {} });

export const POST = apiRoute(
  { scope: "ingest", params: idParams, body: bodySchema, idempotent: { render: renderImageAnswer } },
  async ({ ctx, principal, params, body }) => {
    const result = await completeUpload(ctx, { apiKeyId: principal.id }, params.id, body.metadata);
    if (!result.ok) return storedResult(result);
    return { ...imageAnswer(result.value.id, result.value.duplicate), firstBody: result.value };
  },
);
