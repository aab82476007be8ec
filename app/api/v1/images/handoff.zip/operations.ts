import { handoffQueryFields } from "@/lib/handoff/handoff-selection";
import { archiveAnswers, errors, queryOf, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "A handoff of the images a filter (the fields of GET /images) or ids (comma-separated) selects: originals byte for byte under generations/YYYY-MM-DD/<model>/YYYYMMDD_HHMMSS_<model>_<sha256[0:8]>.<ext>, a JSON sidecar each, manifest.jsonl with every file's sha256; built once in the bucket and redirected to (scope: read). Until it is whole the answer is 202 with its progress; ask again after Retry-After",
    parameters: queryOf(handoffQueryFields.shape),
    responses: { ...archiveAnswers, ...errors(400, 401, 403, 409, 503) },
  },
};
