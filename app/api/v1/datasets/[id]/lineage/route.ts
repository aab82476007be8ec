import { apiRoute } from "@/lib/http/api-route";
import { idParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";
import { compareDatasetVersions } from "@/lib/lineage/compare-dataset-versions";

export const dynamic = "force-dynamic";

/** Per frozen version: the models trained on it and the approval of their images, with Wilson intervals. */
export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await compareDatasetVersions(ctx.db, params.id)),
);
