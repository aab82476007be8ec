import { z } from "zod";
import { critiqueBatchDocumentSchema } from "@/lib/critics/critique-input";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { critiqueListSchema } from "@/lib/http/openapi/api-schemas";
import { answer, body, errors, queryOf, secured } from "@/lib/http/openapi/parts";

export const operations = {
  post: {
    ...secured,
    summary:
      "Score up to 500 images (by image_id or sha256), all or nothing: one bad item answers 400 with every problem as { index, path, message } and stores nothing (scope: critic)",
    requestBody: body(critiqueBatchDocumentSchema),
    responses: {
      "201": answer("All stored", z.object({ items: z.array(critiqueRecordSchema) })),
      ...errors(400, 401, 403, 409, 413),
    },
  },
  get: {
    ...secured,
    summary: "Critiques by image, critic or version, newest first (scope: read)",
    parameters: queryOf(listCritiquesQuerySchema.shape),
    responses: { "200": answer("Critiques", critiqueListSchema), ...errors(400, 401, 403) },
  },
};
