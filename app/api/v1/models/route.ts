import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { respond } from "@/lib/http/respond";
import { listTrainedModels, listTrainedModelsQuerySchema } from "@/lib/lineage/list-trained-models";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", query: listTrainedModelsQuerySchema }, async ({ query }) =>
  respond(ok({ items: await listTrainedModels(getDb(), query) })),
);

/** Registers a model trained on a dataset version; stored images that name it are linked before the answer. */
export const POST = apiRoute(
  { scope: "admin", body: registerTrainedModelSchema, idempotent: true },
  async ({ body }) => storedResult(await registerTrainedModel(getDb(), body), 201),
);
