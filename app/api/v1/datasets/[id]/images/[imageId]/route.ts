import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { datasetImageParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(
  { scope: "admin", params: datasetImageParams, body: updateDatasetCaptionSchema },
  async ({ ctx, params, body }) =>
    respond(await updateDatasetCaption(ctx.db, { datasetId: params.id, imageId: params.imageId }, body)),
);
