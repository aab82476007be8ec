import { previewCaptionTemplate, previewCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** What a template would change (nothing is written): counts, hand-typed captions, the first diffs, the revision. */
export const POST = apiRoute(
  { scope: "read", params: idParams, body: previewCaptionTemplateSchema, idempotent: true },
  async ({ ctx, params, body }) => storedResult(await previewCaptionTemplate(ctx.db, params.id, body)),
);
