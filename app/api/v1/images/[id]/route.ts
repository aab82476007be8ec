import { apiRoute } from "@/lib/http/api-route";
import { idParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";
import { getImage } from "@/lib/images/get-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ ctx, params }) =>
  respond(await getImage(ctx, params.id)),
);

export const DELETE = apiRoute({ scope: "admin", params: idParams }, async ({ ctx, params }) =>
  respond(await softDeleteImage(ctx.db, params.id)),
);
