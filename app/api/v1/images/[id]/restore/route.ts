import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { idParams } from "@/lib/http/path-params";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "admin", params: idParams, idempotent: true },
  async ({ ctx, params }) => storedResult(await restoreImage(ctx.db, params.id)),
);
