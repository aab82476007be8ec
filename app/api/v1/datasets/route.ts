import { createDataset, createDatasetSchema } from "@/lib/datasets/create-dataset";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read" }, async ({ ctx }) =>
  respond(ok({ items: await listDatasets(ctx.db) })),
);

export const POST = apiRoute(
  { scope: "admin", body: createDatasetSchema, idempotent: true },
  async ({ ctx, body }) => storedResult(await createDataset(ctx.db, body), 201),
);
