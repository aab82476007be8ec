import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "The dataset's last 20 caption changes (edits, templates, tag operations, undos), newest first (scope: read)",
    parameters: [idParameter],
    responses: {
      "200": answer("items [{id, kind, summary, image_count, by, at, undone}]"),
      ...errors(400, 401, 403, 404),
    },
  },
};
