import { z } from "zod";
import { getDataset } from "@/lib/datasets/get-dataset";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

export const GET = apiRoute<{ id: string }>({ scope: "read" }, async ({ params }) => {
  const { id } = paramsSchema.parse(params);
  return respond(await getDataset(getDb(), id));
});
