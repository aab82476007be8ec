import { archiveAnswers, errors, idParameter, pathParameter, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "A version as a ZIP (original bytes sha256-verified, captions, manifest.jsonl), built once in the bucket; redirects to a signed download URL (scope: read). A large archive is built over several requests: until it is whole the answer is 202 with its progress; ask again after Retry-After, each request continues the build",
    parameters: [idParameter, pathParameter("version", { type: "integer", minimum: 1 })],
    responses: { ...archiveAnswers, ...errors(400, 401, 403, 404, 409, 503) },
  },
};
