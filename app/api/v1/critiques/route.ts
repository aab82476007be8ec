import { z } from "zod";
import { listCritiques, listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { postCritiqueBatch } from "@/lib/critics/post-critiques";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";

export const dynamic = "force-dynamic";

// Up to 500 items with their raw outputs, under the shared 16 MiB JSON cap; all or nothing (lib/critics).
export const POST = apiRoute(
  { scope: "critic", body: z.unknown(), idempotent: true },
  async ({ ctx, principal, body }) => storedResult(await postCritiqueBatch(ctx.db, principal, body), 201),
);

export const GET = apiRoute({ scope: "read", query: listCritiquesQuerySchema }, async ({ ctx, query }) =>
  respond(await listCritiques(ctx.db, query)),
);
