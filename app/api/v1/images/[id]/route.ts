import { z } from "zod";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { getImage } from "@/lib/images/get-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

export const GET = apiRoute<{ id: string }>({ scope: "read" }, async ({ params }) => {
  const { id } = paramsSchema.parse(params);
  return respond(await getImage({ db: getDb(), storage: getStorage() }, id));
});

export const DELETE = apiRoute<{ id: string }>({ scope: "admin" }, async ({ params }) => {
  const { id } = paramsSchema.parse(params);
  return respond(await softDeleteImage(getDb(), id));
});
