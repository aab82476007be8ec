import { critiqueFieldsSchema } from "@/lib/critics/critique-input";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { critiqueListSchema } from "@/lib/http/openapi/api-schemas";
import { answer, body, errors, idParameter, queryOf, secured } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary:
      "Score an image; replaces the current critique of this critic and version, which stays as history (scope: critic)",
    parameters: [idParameter],
    requestBody: body(critiqueFieldsSchema),
    responses: {
      "201": answer("Stored; score_normalized maps the scale onto 0-1", critiqueRecordSchema),
      ...errors(400, 401, 403, 404, 409, 413),
    },
  },
  get: {
    ...secured,
    summary: "An image's critiques: current ones, or with history=true every one (scope: read)",
    parameters: [idParameter, ...queryOf(listCritiquesQuerySchema.shape, ["image_id"])],
    responses: {
      "200": answer("Critiques, newest first", critiqueListSchema),
      ...errors(400, 401, 403),
    },
  },
};
