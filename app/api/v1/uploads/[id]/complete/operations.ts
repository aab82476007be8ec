import { z } from "zod";
import { postedImageSchema } from "@/lib/http/openapi/api-schemas";
import { answer, body, errors, idParameter, ingestUnavailable, secured } from "@/lib/http/openapi/parts";
import { ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";

export const operations = {
  post: {
    ...secured,
    summary: "Finish a direct upload: the staged bytes go through the ingest pipeline (scope: ingest)",
    parameters: [idParameter],
    requestBody: body(z.object({ metadata: ingestMetadataSchema.optional() })),
    responses: {
      "201": answer("Stored", postedImageSchema),
      "200": answer("Already stored", postedImageSchema),
      ...errors(400, 401, 403, 404, 409, 413, 415, 422),
      // A refused completion leaves the upload pending: complete it again after Retry-After.
      ...ingestUnavailable,
    },
  },
};
