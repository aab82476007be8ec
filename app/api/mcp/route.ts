import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

// MCP over Streamable HTTP (stateless, JSON answers). The key needs "read"; its other scopes unlock more tools.
// The JSON-RPC message itself is checked by the MCP transport.
export const POST = apiRoute(
  { scope: "read", body: z.unknown(), maxBodyBytes: 1024 * 1024 },
  async ({ req, principal, body }) => {
    const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
    return handleMcpRequest(deps, principal, req, body);
  },
);
