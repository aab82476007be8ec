import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "A registered model with its dataset version and the number of images linked to it (scope: read)",
    parameters: [idParameter],
    responses: { "200": answer("The model"), ...errors(400, 401, 403, 404) },
  },
  delete: {
    ...secured,
    summary:
      "Forget a registration made by mistake: its image links go, images and dataset stay (scope: admin)",
    parameters: [idParameter],
    responses: { "200": answer("Deleted"), ...errors(400, 401, 403, 404) },
  },
};
