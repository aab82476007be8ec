import { getDataset } from "@/lib/datasets/get-dataset";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await getDataset(ctx.db, params.id)),
);
