import { listCaptionTags, listCaptionTagsQuerySchema } from "@/lib/datasets/captions/list-caption-tags";
import { editCaptionTags, editCaptionTagsSchema } from "@/lib/datasets/edit-caption-tags";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** The caption tags (comma-separated parts) with how many captions hold each. */
export const GET = apiRoute(
  { scope: "read", params: idParams, query: listCaptionTagsQuerySchema },
  async ({ ctx, params, query }) => respond(await listCaptionTags(ctx.db, params.id, query)),
);

/** Add, remove, rename or replace a tag across the dataset or a selection, as one undoable change. */
export const POST = apiRoute(
  { scope: "admin", params: idParams, body: editCaptionTagsSchema, idempotent: true },
  async ({ ctx, params, body }) => storedResult(await editCaptionTags(ctx.db, params.id, body)),
);
