import { type ZodType, z } from "zod";
import { errorEnvelopeSchema } from "./api-schemas";

// The pieces every path of the OpenAPI document is built from (lib/http/openapi.ts and its parts).

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
export const idParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};
export const pathParameter = (name: string, schema: Record<string, unknown>) => ({
  name,
  in: "path",
  required: true,
  schema,
});
