import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "admin", params: idParams, idempotent: true },
  async ({ ctx, params, principal }) =>
    storedResult(await purgeImage(ctx, params.id, { apiKeyId: principal.id })),
);
