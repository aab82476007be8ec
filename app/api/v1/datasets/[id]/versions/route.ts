import { z } from "zod";
import { freezeDatasetVersion, freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });

/** Freezes the dataset as it is now into the next immutable version. */
export const POST = apiRoute<{ id: string }>({ scope: "admin" }, async ({ req, params, principal }) => {
  const { id } = paramsSchema.parse(params);
  return idempotentPost(req, principal, {
    run: async (body) =>
      storedResult(
        await freezeDatasetVersion(getDb(), id, freezeDatasetVersionSchema.parse(body ?? {})),
        201,
      ),
  });
});
