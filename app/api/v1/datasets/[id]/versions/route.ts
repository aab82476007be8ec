import { z } from "zod";
import { freezeDatasetVersion, freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

/** Freezes the dataset as it is now into the next immutable version. */
export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params }) => {
  const { id } = paramsSchema.parse(params);
  const input = freezeDatasetVersionSchema.parse((await req.json().catch(() => null)) ?? {});
  return respond(await freezeDatasetVersion(getDb(), id, input), { status: 201 });
});
