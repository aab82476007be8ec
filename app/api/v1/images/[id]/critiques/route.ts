import { z } from "zod";
import { listCritiques, listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { postImageCritique } from "@/lib/critics/post-critiques";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

// One critique with its raw model output; the fields are checked by lib/critics, which names every problem.
export const POST = apiRoute(
  { scope: "critic", params: idParams, body: z.unknown(), maxBodyBytes: 1024 * 1024, idempotent: true },
  async ({ ctx, principal, params, body }) =>
    storedResult(await postImageCritique(ctx.db, principal, { imageId: params.id, body }), 201),
);

export const GET = apiRoute(
  { scope: "read", params: idParams, query: listCritiquesQuerySchema.omit({ image_id: true }) },
  async ({ ctx, params, query }) => respond(await listCritiques(ctx.db, { ...query, image_id: params.id })),
);
