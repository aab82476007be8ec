import { addDatasetImages, datasetImageSelectionSchema } from "@/lib/datasets/add-dataset-images";
import { listDatasetMembers, listDatasetMembersQuerySchema } from "@/lib/datasets/list-dataset-members";
import { removeDatasetImages, removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** One page of members (40) under the workbench's filters, with the dataset's revision. */
export const GET = apiRoute(
  { scope: "read", params: idParams, query: listDatasetMembersQuerySchema },
  async ({ ctx, params, query }) => respond(await listDatasetMembers(ctx.db, params.id, query)),
);

/** Adds images by id or by a saved filter; captions default to the cleaned prompt. */
export const POST = apiRoute(
  { scope: "admin", params: idParams, body: datasetImageSelectionSchema, idempotent: true },
  async ({ ctx, params, body }) => storedResult(await addDatasetImages(ctx.db, params.id, body)),
);

export const DELETE = apiRoute(
  { scope: "admin", params: idParams, body: removeDatasetImagesSchema },
  async ({ ctx, params, body }) => respond(await removeDatasetImages(ctx.db, params.id, body)),
);
