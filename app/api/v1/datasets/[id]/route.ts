import { getDataset } from "@/lib/datasets/get-dataset";
import { apiRoute } from "@/lib/http/api-route";
import { idParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await getDataset(ctx.db, params.id)),
);
