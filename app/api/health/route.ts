import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";
import { handlerContext } from "@/lib/http/wrappers/handler-context";

// Public on purpose: load balancers and uptime checks call it without credentials. It reveals only up/down. An
// ingest lane restarting is reported but still 200: the instance serves every page and decision meanwhile, and the
// image posts it cannot take are answered 503 with Retry-After on their own.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth(handlerContext());
  if (health.db === "ok" && health.storage === "ok") return NextResponse.json(health);
  const down = health.db !== "ok" ? "database" : "storage";
  return NextResponse.json(
    {
      ...health,
      error: {
        code: down === "database" ? "database_unavailable" : "storage_unavailable",
        message: `The ${down === "database" ? "database" : "object store"} did not answer`,
      },
    },
    { status: 503, headers: { "Cache-Control": "no-store" } },
  );
}
