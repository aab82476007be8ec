import { type ZodType, z } from "zod";
import { archiveBuildingSchema, errorEnvelopeSchema } from "./api-schemas";

// The pieces every operation of the OpenAPI document is described with (each route's operations.ts beside its
// handler under app/api/v1; the list of them is app/api/v1/api-routes.ts).

export const json = (schema: ZodType) =>
  z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io: "input" });
export const body = (schema: ZodType) => ({
  required: true,
  content: { "application/json": { schema: json(schema) } },
});
export const answer = (description: string, schema?: ZodType) =>
  schema ? { description, content: { "application/json": { schema: json(schema) } } } : { description };
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), answer("Error", errorEnvelopeSchema)]));
export const secured = { security: [{ apiKey: [] }] };
export const queryOf = (shape: Record<string, ZodType>, leaveOut: string[] = []) =>
  Object.entries(shape)
    .filter(([name]) => !leaveOut.includes(name))
    .map(([name, schema]) => ({ name, in: "query", required: false, schema: json(schema) }));
export const uuid = { type: "string", format: "uuid" };
export const idParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};
/** 503 from an ingest door: the backlog is full (`overloaded`, with Retry-After), or a store did not answer. */
export const ingestUnavailable = {
  "503": {
    ...answer(
      "overloaded: more new images wait for the workers than they clear; nothing was stored. Wait Retry-After seconds (also error.details.retry_after_seconds) and send the same request again, with the same Idempotency-Key. Also storage_unavailable or database_unavailable: retry later",
      errorEnvelopeSchema,
    ),
    headers: {
      "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait (with overloaded)" },
    },
  },
};
/** The answers of an archive built in the bucket over several requests (a dataset version's ZIP, a handoff). */
export const archiveAnswers = {
  "302": {
    description: "Location: a signed URL of the archive, valid for SIGNED_URL_TTL_SECONDS",
    headers: { Location: { schema: { type: "string", format: "uri" } } },
  },
  "202": {
    ...answer("Still being built: ask again after Retry-After (seconds)", archiveBuildingSchema),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};
export const pathParameter = (name: string, schema: Record<string, unknown>) => ({
  name,
  in: "path",
  required: true,
  schema,
});
