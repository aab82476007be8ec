import { z } from "zod";
import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID"), imageId: z.uuid("imageId must be a UUID") });

export const PATCH = apiRoute<{ id: string; imageId: string }>(
  { scope: "admin" },
  async ({ req, params }) => {
    const { id, imageId } = paramsSchema.parse(params);
    const body = await readJsonBody(req, MAX_JSON_BODY_BYTES);
    if (!body.ok) return errorResponse(body.error);
    const input = updateDatasetCaptionSchema.parse(body.value.value);
    return respond(await updateDatasetCaption(getDb(), { datasetId: id, imageId }, input));
  },
);
