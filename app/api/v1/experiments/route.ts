import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", query: experimentQuerySchema }, async ({ ctx, query }) =>
  respond(await runExperiment(ctx.db, query)),
);
