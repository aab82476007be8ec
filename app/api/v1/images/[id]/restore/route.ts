import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "admin", params: idParams, idempotent: true },
  async ({ ctx, params }) => storedResult(await restoreImage(ctx.db, params.id)),
);
