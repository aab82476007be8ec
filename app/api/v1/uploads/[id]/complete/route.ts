import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { underIngestGate } from "@/lib/http/ingest-gate";
import { idParams } from "@/lib/http/path-params";
import { imageAnswer, renderImageAnswer } from "@/lib/http/post-image";
import { completeUpload } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";

export const dynamic = "force-dynamic";

// An empty body completes the upload with no metadata.
const bodySchema = z
  .object({ metadata: ingestMetadataSchema.default({}) })
  .strict()
  .default({ metadata: {} });

export const POST = apiRoute(
  { scope: "ingest", params: idParams, body: bodySchema, idempotent: { render: renderImageAnswer } },
  async ({ ctx, principal, params, body }) => {
    const result = await underIngestGate(() =>
      completeUpload(ctx, { apiKeyId: principal.id }, params.id, body.metadata),
    );
    if (!result.ok) return storedResult(result);
    return { ...imageAnswer(result.value.id, result.value.duplicate), firstBody: result.value };
  },
);
