import { z } from "zod";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ params, principal }) => {
  const { id } = paramsSchema.parse(params);
  return respond(await purgeImage({ db: getDb(), storage: getStorage() }, id, { apiKeyId: principal.id }));
});
