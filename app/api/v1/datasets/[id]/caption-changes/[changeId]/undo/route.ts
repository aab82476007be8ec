import { undoCaptionChange, undoCaptionChangeSchema } from "@/lib/datasets/captions/undo-caption-change";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { datasetChangeParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** Puts back what one caption change wrote (an empty body: all of it), where nobody changed it since. */
export const POST = apiRoute(
  {
    scope: "admin",
    params: datasetChangeParams,
    body: undoCaptionChangeSchema.default({}),
    idempotent: true,
  },
  async ({ ctx, params, body }) =>
    storedResult(await undoCaptionChange(ctx.db, { datasetId: params.id, changeId: params.changeId }, body)),
);
