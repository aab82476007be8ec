import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "Per frozen version: the models trained on it and how their images are judged (approval rate, Wilson 95% interval), per model and over the version (scope: read)",
    parameters: [idParameter],
    responses: { "200": answer("Versions with their models"), ...errors(400, 401, 403, 404) },
  },
};
