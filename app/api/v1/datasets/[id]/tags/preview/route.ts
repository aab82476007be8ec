import { previewCaptionTags, previewCaptionTagsSchema } from "@/lib/datasets/edit-caption-tags";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** What a tag operation would change (nothing is written): counts, the first diffs, the revision to confirm. */
export const POST = apiRoute(
  { scope: "read", params: idParams, body: previewCaptionTagsSchema, idempotent: true },
  async ({ ctx, params, body }) => storedResult(await previewCaptionTags(ctx.db, params.id, body)),
);
