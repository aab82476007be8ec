import { createDatasetSchema } from "@/lib/datasets/create-dataset";
import { answer, body, errors, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary: "List datasets (scope: read)",
    responses: { "200": answer("Datasets"), ...errors(401, 403) },
  },
  post: {
    ...secured,
    summary: "Create a dataset from image ids or a saved filter (scope: admin)",
    requestBody: body(createDatasetSchema),
    responses: { "201": answer("Created"), ...errors(400, 401, 403, 409) },
  },
};
