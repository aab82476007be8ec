import { z } from "zod";
import { applyCaptionTemplate, applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

/** Bulk caption rewrite from a template, e.g. `{ "template": "{trigger}, {caption}", "trigger": "ohwx" }`. */
export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params, principal }) => {
  const { id } = paramsSchema.parse(params);
  return idempotentPost(req, principal, {
    run: async (body) =>
      storedResult(await applyCaptionTemplate(getDb(), id, applyCaptionTemplateSchema.parse(body))),
  });
});
