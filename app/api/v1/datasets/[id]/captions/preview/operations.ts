import { previewCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { answer, body, errors, idParameter, secured } from "@/lib/http/openapi/parts";
import { CAPTION_CHANGE_PLAN } from "../../caption-answers";

export const operations = {
  post: {
    ...secured,
    summary: "What a caption template would change, without changing it (scope: read)",
    parameters: [idParameter],
    requestBody: body(previewCaptionTemplateSchema),
    responses: { "200": answer(CAPTION_CHANGE_PLAN), ...errors(400, 401, 403, 404) },
  },
};
