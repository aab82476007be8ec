import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { idParams } from "@/lib/http/wrappers/path-params";
import { compareDatasetVersions } from "@/lib/lineage/compare-dataset-versions";

export const dynamic = "force-dynamic";

/** Per frozen version: the models trained on it and the approval of their images, with Wilson intervals. */
export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await compareDatasetVersions(ctx.db, params.id)),
);
