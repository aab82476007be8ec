import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse } from "@/lib/http/respond";
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 1024 * 1024;

// MCP over Streamable HTTP (stateless, JSON answers). The key needs "read"; its other scopes unlock more tools.
export const POST = apiRoute({ scope: "read" }, async ({ req, principal }) => {
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
  return handleMcpRequest(deps, principal, req, body.value.value);
});
