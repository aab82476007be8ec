import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { type ApiKeyPrincipal, hasScope } from "@/lib/auth/keys/api-keys";
import { refusedValueError } from "@/lib/db/database-errors";
import { log } from "@/lib/logger";
import { type AppError, ThrownAppError } from "@/lib/result";
import { LIGHTBOX_TOOLS, type ToolDeps } from "./lightbox-tools";

const failure = (error: AppError): CallToolResult => ({
  isError: true,
  content: [{ type: "text", text: JSON.stringify({ error }) }],
});
const success = (value: unknown): CallToolResult => ({
  content: [{ type: "text", text: JSON.stringify(value ?? null) }],
});

/**
 * The Lightbox MCP server for one API key. The tool list and calls are handled here rather than by McpServer's
 * own validation so that a refused call is a tool error carrying our error shape ({ error: { code, message,
 * details } } with invalid_request, forbidden, not_found…), as the HTTP API answers it.
 */
export function createMcpServer(deps: ToolDeps, principal: ApiKeyPrincipal): McpServer {
  const mcp = new McpServer({ name: "lightbox", version: "1.0.0" }, { capabilities: { tools: {} } });
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: Object.entries(LIGHTBOX_TOOLS).map(([name, tool]) => ({
      name,
      description: `${tool.description} (scope: ${tool.scope})`,
      inputSchema: z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as {
        type: "object";
        [key: string]: unknown;
      },
      annotations: { readOnlyHint: tool.readOnly, destructiveHint: false },
    })),
  }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = LIGHTBOX_TOOLS[request.params.name];
    if (!tool) return failure({ code: "not_found", message: `No tool named ${request.params.name}` });
    if (!hasScope(principal, tool.scope)) {
      return failure({ code: "forbidden", message: `This API key lacks the "${tool.scope}" scope` });
    }
    const args = tool.input.safeParse(request.params.arguments ?? {});
    if (!args.success) {
      const details = args.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
      }));
      const first = details[0];
      return failure({
        code: "invalid_request",
        message: first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "Invalid arguments",
        details,
      });
    }
    try {
      const result = await tool.run(deps, principal, args.data as never);
      return result.ok ? success(result.value) : failure(result.error);
    } catch (error) {
      if (error instanceof ThrownAppError) return failure(error.appError);
      const refused = refusedValueError(error);
      if (refused) return failure({ code: refused.code, message: refused.message });
      log.error({ err: error, tool: request.params.name, principalId: principal.id }, "mcp tool failed");
      return failure({ code: "internal_error", message: "Something went wrong on our side" });
    }
  });
  return mcp;
}
