import { z } from "zod";
import { addDatasetImages, datasetImageSelectionSchema } from "@/lib/datasets/add-dataset-images";
import { removeDatasetImages, removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

/** Adds images by id or by a saved filter; captions default to the cleaned prompt. */
export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params, principal }) => {
  const { id } = paramsSchema.parse(params);
  return idempotentPost(req, principal, {
    run: async (body) =>
      storedResult(await addDatasetImages(getDb(), id, datasetImageSelectionSchema.parse(body))),
  });
});

export const DELETE = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params }) => {
  const { id } = paramsSchema.parse(params);
  const body = await readJsonBody(req, MAX_JSON_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const input = removeDatasetImagesSchema.parse(body.value.value);
  return respond(await removeDatasetImages(getDb(), id, input));
});
