import { applyCaptionTemplate, applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** Bulk caption rewrite from a template, e.g. `{ "template": "{trigger}, {caption}", "trigger": "ohwx" }`. */
export const POST = apiRoute(
  { scope: "admin", params: idParams, body: applyCaptionTemplateSchema, idempotent: true },
  async ({ ctx, params, body }) => storedResult(await applyCaptionTemplate(ctx.db, params.id, body)),
);
