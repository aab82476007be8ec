import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { listTrainedModels, listTrainedModelsQuerySchema } from "@/lib/lineage/list-trained-models";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", query: listTrainedModelsQuerySchema }, async ({ ctx, query }) =>
  respond(ok({ items: await listTrainedModels(ctx.db, query) })),
);

/** Registers a model trained on a dataset version; stored images that name it are linked before the answer. */
export const POST = apiRoute(
  { scope: "admin", body: registerTrainedModelSchema, idempotent: true },
  async ({ ctx, body }) => storedResult(await registerTrainedModel(ctx.db, body), 201),
);
