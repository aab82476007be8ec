import { previewCaptionTagsSchema } from "@/lib/datasets/edit-caption-tags";
import { answer, body, errors, idParameter, secured } from "@/lib/http/openapi/parts";
import { CAPTION_CHANGE_PLAN } from "../../caption-answers";

export const operations = {
  post: {
    ...secured,
    summary: "What a tag operation would change, without changing it (scope: read)",
    parameters: [idParameter],
    requestBody: body(previewCaptionTagsSchema),
    responses: { "200": answer(CAPTION_CHANGE_PLAN), ...errors(400, 401, 403, 404) },
  },
};
