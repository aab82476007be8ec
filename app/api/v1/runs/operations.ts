import { z } from "zod";
import { runRecordSchema } from "@/lib/http/openapi/api-schemas";
import { answer, body, errors, secured } from "@/lib/http/openapi/parts";
import { createRunSchema } from "@/lib/images/runs/runs";

export const operations = {
  post: {
    ...secured,
    summary: "Create a run (scope: ingest)",
    requestBody: body(createRunSchema),
    responses: { "201": answer("Created", runRecordSchema), ...errors(400, 401, 403, 409) },
  },
  get: {
    ...secured,
    summary: "List runs (scope: read)",
    responses: {
      "200": answer(
        "Runs",
        z.object({ items: z.array(runRecordSchema.extend({ image_count: z.number().int() })) }),
      ),
      ...errors(401, 403),
    },
  },
};
