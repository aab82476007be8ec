import { z } from "zod";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params, principal }) => {
  const { id } = paramsSchema.parse(params);
  return idempotentPost(req, principal, { run: async () => storedResult(await restoreImage(getDb(), id)) });
});
