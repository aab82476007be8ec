import { freezeDatasetVersion, freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { idParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

/** Freezes the dataset as it is now into the next immutable version (an empty body is no note). */
export const POST = apiRoute(
  { scope: "admin", params: idParams, body: freezeDatasetVersionSchema.default({}), idempotent: true },
  async ({ ctx, params, body }) => storedResult(await freezeDatasetVersion(ctx.db, params.id, body), 201),
);
