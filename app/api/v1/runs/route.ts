import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { createRun, createRunSchema, listRuns } from "@/lib/images/runs";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req }) => {
  const input = createRunSchema.parse(await req.json().catch(() => null));
  return respond(await createRun(getDb(), input), { status: 201 });
});

export const GET = apiRoute({ scope: "read" }, async () => respond(await listRuns(getDb())));
