import { answer, errors, idParameter, pathParameter, secured, uuid } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary: "One image's caption changes in the dataset, newest first, the last 50 (scope: read)",
    parameters: [idParameter, pathParameter("imageId", uuid)],
    responses: {
      "200": answer("items [{change_id, kind, summary, before, after, by, at, undone}]"),
      ...errors(400, 401, 403, 404),
    },
  },
};
