import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { idParams } from "@/lib/http/wrappers/path-params";
import { deleteTrainedModel } from "@/lib/lineage/delete-trained-model";
import { getTrainedModel } from "@/lib/lineage/list-trained-models";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await getTrainedModel(ctx.db, params.id)),
);

/** Forgets a registration made by mistake (its image links go; images and dataset stay). */
export const DELETE = apiRoute({ scope: "admin", params: idParams }, async ({ ctx, params }) =>
  respond(await deleteTrainedModel(ctx.db, params.id)),
);
