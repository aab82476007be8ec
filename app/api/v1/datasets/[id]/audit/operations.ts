import { z } from "zod";
import { answer, errors, idParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "What to check before freezing: near-duplicate clusters, resolution and aspect-ratio buckets, images without a caption, images no longer approved, critic score distributions, each problem a warning with the filter of its images; freeze with expected_revision = its revision (scope: read)",
    parameters: [idParameter],
    responses: {
      "200": answer("The audit", z.object({ revision: z.number().int() }).loose()),
      ...errors(400, 401, 403, 404),
    },
  },
};
