import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { ApiKeyPrincipal } from "@/lib/auth/keys/api-keys";
import { createMcpServer } from "./create-mcp-server";
import type { ToolDeps } from "./lightbox-tools";

/**
 * One Streamable HTTP exchange, stateless: a fresh server and transport per request, JSON answers instead of an
 * event stream, so any instance (serverless included) can answer any request and nothing outlives it.
 * `body` is the parsed JSON-RPC message, read under the route's body limit.
 */
export async function handleMcpRequest(
  deps: ToolDeps,
  principal: ApiKeyPrincipal,
  request: Request,
  body: unknown,
): Promise<Response> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  const server = createMcpServer(deps, principal);
  await server.connect(transport);
  try {
    return await transport.handleRequest(request, { parsedBody: body });
  } finally {
    await server.close();
  }
}
