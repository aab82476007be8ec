import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { apiRoute } from "@/lib/http/api-route";
import { datasetImageParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(
  { scope: "admin", params: datasetImageParams, body: updateDatasetCaptionSchema },
  async ({ ctx, params, body }) =>
    respond(await updateDatasetCaption(ctx.db, { datasetId: params.id, imageId: params.imageId }, body)),
);
