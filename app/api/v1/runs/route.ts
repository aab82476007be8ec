import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { storedResult } from "@/lib/http/wrappers/idempotency";
import { createRun, createRunSchema, listRuns } from "@/lib/images/runs/runs";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: createRunSchema, idempotent: true },
  async ({ ctx, body }) => storedResult(await createRun(ctx.db, body), 201),
);

export const GET = apiRoute({ scope: "read" }, async ({ ctx }) => respond(await listRuns(ctx.db)));
