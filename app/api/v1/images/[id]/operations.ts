import { z } from "zod";
import { imageWithUrlsSchema } from "@/lib/http/openapi/api-schemas";
import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary: "One image with signed URLs (scope: read)",
    parameters: [idParameter],
    responses: { "200": answer("The image", imageWithUrlsSchema), ...errors(400, 401, 403, 404) },
  },
  delete: {
    ...secured,
    summary: "Soft-delete an image (scope: admin)",
    parameters: [idParameter],
    responses: {
      "200": answer("Deleted", z.object({ id: z.uuid(), deleted_at: z.iso.datetime() })),
      ...errors(400, 401, 403, 404),
    },
  },
};
