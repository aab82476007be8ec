import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { idParams } from "@/lib/http/path-params";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "admin", params: idParams, idempotent: true },
  async ({ params, principal }) =>
    storedResult(
      await purgeImage({ db: getDb(), storage: getStorage() }, params.id, { apiKeyId: principal.id }),
    ),
);
