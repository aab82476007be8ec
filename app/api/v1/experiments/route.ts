import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", query: experimentQuerySchema }, async ({ ctx, query }) =>
  respond(await runExperiment(ctx.db, query)),
);
