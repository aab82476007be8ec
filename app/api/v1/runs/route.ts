import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost, storedResult } from "@/lib/http/idempotent-post";
import { respond } from "@/lib/http/respond";
import { createRun, createRunSchema, listRuns } from "@/lib/images/runs";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req, principal }) =>
  idempotentPost(req, principal, {
    run: async (body) => storedResult(await createRun(getDb(), createRunSchema.parse(body)), 201),
  }),
);

export const GET = apiRoute({ scope: "read" }, async () => respond(await listRuns(getDb())));
