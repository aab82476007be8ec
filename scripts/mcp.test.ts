import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { LIGHTBOX_TOOLS } from "@/lib/mcp/lightbox-tools";
import { createTestContext } from "@/lib/testing/test-context";

// The child process finds this file's database and bucket through the environment the test context set.
const context = await createTestContext();
const ROOT = path.resolve(import.meta.dirname, "..");

describe("npm run mcp (stdio)", () => {
  it("serves the same tools to a local agent, with the key's scopes", async () => {
    const { key } = await createApiKey(context.db, { name: "stdio", scopes: ["read"] });
    const transport = new StdioClientTransport({
      command: path.join(ROOT, "node_modules/.bin/tsx"),
      args: ["--conditions=react-server", path.join(ROOT, "scripts/mcp.ts")],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), LIGHTBOX_API_KEY: key },
      stderr: "pipe",
    });
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(LIGHTBOX_TOOLS).sort());
    const stats = (await client.callTool({ name: "library_stats", arguments: {} })) as {
      content: { text: string }[];
    };
    expect(JSON.parse(stats.content[0]?.text ?? "{}").totals).toEqual({ images: 0, bytes: 0 });
    const refused = (await client.callTool({
      name: "record_critique",
      arguments: { sha256: "a".repeat(64), critic: "c", critic_version: "1", score: 1, scale: "0-1" },
    })) as { isError?: boolean; content: { text: string }[] };
    expect(refused.isError).toBe(true);
    expect(JSON.parse(refused.content[0]?.text ?? "{}").error.code).toBe("forbidden");
    await client.close();
  }, 60_000);
});
