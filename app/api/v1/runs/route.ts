import { apiRoute } from "@/lib/http/api-route";
import { storedResult } from "@/lib/http/idempotency";
import { respond } from "@/lib/http/respond";
import { createRun, createRunSchema, listRuns } from "@/lib/images/runs";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: createRunSchema, idempotent: true },
  async ({ ctx, body }) => storedResult(await createRun(ctx.db, body), 201),
);

export const GET = apiRoute({ scope: "read" }, async ({ ctx }) => respond(await listRuns(ctx.db)));
