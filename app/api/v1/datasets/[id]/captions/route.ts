import { z } from "zod";
import { applyCaptionTemplate, applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

/** Bulk caption rewrite from a template, e.g. `{ "template": "{trigger}, {caption}", "trigger": "ohwx" }`. */
export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params }) => {
  const { id } = paramsSchema.parse(params);
  const input = applyCaptionTemplateSchema.parse(await req.json().catch(() => null));
  return respond(await applyCaptionTemplate(getDb(), id, input));
});
