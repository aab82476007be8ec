import { createDataset, createDatasetSchema } from "@/lib/datasets/create-dataset";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { ok } from "@/lib/http/errors";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read" }, async () =>
  respond(ok({ items: await listDatasets(getDb()) })),
);

export const POST = apiRoute({ scope: "admin" }, async ({ req }) => {
  const input = createDatasetSchema.parse(await req.json().catch(() => null));
  return respond(await createDataset(getDb(), input), { status: 201 });
});
