import { z } from "zod";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ params }) => {
  const { id } = paramsSchema.parse(params);
  return respond(await restoreImage(getDb(), id));
});
