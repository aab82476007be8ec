import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";
import { getImage } from "@/lib/images/get-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ params }) =>
  respond(await getImage({ db: getDb(), storage: getStorage() }, params.id)),
);

export const DELETE = apiRoute({ scope: "admin", params: idParams }, async ({ params }) =>
  respond(await softDeleteImage(getDb(), params.id)),
);
