import { freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { answer, body, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary: "Freeze the dataset into an immutable version (scope: admin)",
    parameters: [idParameter],
    requestBody: body(freezeDatasetVersionSchema),
    responses: { "201": answer("Frozen"), ...errors(400, 401, 403, 404, 409) },
  },
};
