import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary:
      "Remove an image's objects, then its rows; refused for approved or dataset images (scope: admin)",
    parameters: [idParameter],
    responses: { "200": answer("Purged"), ...errors(400, 401, 403, 404, 409, 503) },
  },
};
