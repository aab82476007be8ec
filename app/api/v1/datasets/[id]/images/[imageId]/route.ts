import { z } from "zod";
import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID"), imageId: z.uuid("imageId must be a UUID") });

export const PATCH = apiRoute<{ id: string; imageId: string }>(
  { scope: "admin" },
  async ({ req, params }) => {
    const { id, imageId } = paramsSchema.parse(params);
    const input = updateDatasetCaptionSchema.parse(await req.json().catch(() => null));
    return respond(await updateDatasetCaption(getDb(), { datasetId: id, imageId }, input));
  },
);
