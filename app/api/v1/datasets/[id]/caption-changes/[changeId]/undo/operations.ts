import { undoCaptionChangeSchema } from "@/lib/datasets/captions/undo-caption-change";
import { answer, body, errors, idParameter, pathParameter, secured, uuid } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary:
      "Undo one caption change in one step: each caption it wrote goes back where nobody changed it since; with image_id, only that image's (scope: admin). The undo is a change too: undo it to redo",
    parameters: [idParameter, pathParameter("changeId", uuid)],
    requestBody: body(undoCaptionChangeSchema),
    responses: {
      "200": answer("restored, skipped (changed since), change_id of the undo"),
      ...errors(400, 401, 403, 404, 409),
    },
  },
};
