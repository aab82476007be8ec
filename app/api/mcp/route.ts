import { z } from "zod";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";

export const dynamic = "force-dynamic";

// MCP over Streamable HTTP (stateless, JSON answers). The key needs "read"; its other scopes unlock more tools.
// The JSON-RPC message itself is checked by the MCP transport.
export const POST = apiRoute(
  { scope: "read", body: z.unknown(), maxBodyBytes: 1024 * 1024 },
  async ({ ctx, req, principal, body }) => handleMcpRequest(ctx, principal, req, body),
);
