import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { idParams } from "@/lib/http/wrappers/path-params";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { getImage } from "@/lib/images/record/get-image";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await getImage(ctx, params.id)),
);

export const DELETE = apiRoute({ scope: "admin", params: idParams }, async ({ ctx, params }) =>
  respond(await softDeleteImage(ctx.db, params.id)),
);
