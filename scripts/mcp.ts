// `npm run mcp`: the Lightbox MCP server on stdio, for a local agent (Claude Desktop, Claude Code, Cursor…).
//   LIGHTBOX_API_KEY=lbx_… npm run mcp
// The key's scopes decide the tools, as over HTTP (/api/mcp). The database and bucket come from the environment or
// from a running `npm start`, like `npm run cli`.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { authenticateApiKey, hasScope } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { createMcpServer } from "@/lib/mcp/create-mcp-server";
import { createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./commands/cli-config";

// stdout carries the protocol: the logger (which writes to stdout) must stay quiet here.
process.env.LOG_LEVEL = "silent";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const key = process.env.LIGHTBOX_API_KEY?.trim();
if (!key) {
  console.error("Set LIGHTBOX_API_KEY to an API key with the read scope (add critic to record critiques).");
  process.exit(2);
}
const config = await loadCliConfig();
const db = createDatabase({ ...config.database, poolMax: 4 });
const storage = createStorage(config);
const principal = await authenticateApiKey(db, key, null);
if (!principal.ok || !hasScope(principal.value, "read")) {
  console.error(principal.ok ? 'The API key needs the "read" scope' : principal.error.message);
  await closeDatabase(db);
  process.exit(2);
}
const server = createMcpServer({ db, storage, limits: config.limits }, principal.value);
const shutdown = async () => {
  await server.close();
  storage.client.destroy();
  await closeDatabase(db);
  process.exit(0);
};
process.stdin.on("end", shutdown);
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
await server.connect(new StdioServerTransport());
console.error("Lightbox MCP server ready on stdio");
