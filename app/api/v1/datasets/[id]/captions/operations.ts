import { applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { MAX_CAPTION_CHARS } from "@/lib/datasets/caption-from-prompt";
import { answer, body, errors, idParameter, secured } from "@/lib/http/openapi/parts";
import { CAPTION_CHANGE_APPLIED } from "../caption-answers";

export const operations = {
  post: {
    ...secured,
    summary: `Apply a caption template, e.g. a trigger-word prefix (scope: admin). Idempotent: applying it twice is applying it once (the template's own text and trigger word are never added again). Captions a person typed are left unless hand_edited is "overwrite". Each caption it makes is cut at ${MAX_CAPTION_CHARS} characters, the cap on every caption`,
    parameters: [idParameter],
    requestBody: body(applyCaptionTemplateSchema),
    responses: { "200": answer(CAPTION_CHANGE_APPLIED), ...errors(400, 401, 403, 404, 409) },
  },
};
