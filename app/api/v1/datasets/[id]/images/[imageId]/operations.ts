import { MAX_CAPTION_CHARS } from "@/lib/datasets/caption-from-prompt";
import { updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { answer, body, errors, idParameter, pathParameter, secured, uuid } from "@/lib/http/openapi/parts";

export const operations = {
  patch: {
    ...secured,
    summary: `Edit one caption (at most ${MAX_CAPTION_CHARS} characters); with expected_caption, 409 if it changed since (scope: admin)`,
    parameters: [idParameter, pathParameter("imageId", uuid)],
    requestBody: body(updateDatasetCaptionSchema),
    responses: { "200": answer("Updated"), ...errors(400, 401, 403, 404, 409) },
  },
};
