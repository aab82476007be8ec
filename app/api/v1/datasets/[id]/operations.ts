import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";

export const operations = {
  get: {
    ...secured,
    summary: `A dataset with its images, captions and versions (scope: read). Each image's prompt is a preview of its first ${PREVIEW_LIMITS.prompt} characters, with prompt_truncated: true when it is longer`,
    parameters: [idParameter],
    responses: { "200": answer("The dataset"), ...errors(400, 401, 403, 404) },
  },
};
