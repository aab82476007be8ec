import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary: "Restore a soft-deleted image (scope: admin)",
    parameters: [idParameter],
    responses: { "200": answer("Restored"), ...errors(400, 401, 403, 404) },
  },
};
