import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { critiques } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { LIGHTBOX_TOOLS } from "@/lib/mcp/lightbox-tools";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { POST } = await import("./route");
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const ingest = async (metadata: Record<string, unknown>) => {
  const bytes = await makeTestPng();
  const stored = await ingestImage(deps, { bytes, metadata, source: "api" });
  if (!stored.ok) throw new Error(stored.error.message);
  return { id: stored.value.image.id, bytes };
};
const lighthouse = await ingest({ prompt: "a lighthouse at dusk", model: "models/Flux1-Dev.safetensors" });
await ingest({ prompt: "a lighthouse at noon", model: "sdxl_base" });
await ingest({ prompt: "a cat", model: "flux1-dev" });
const keyWith = async (scopes: ("read" | "critic" | "ingest")[]) =>
  (await createApiKey(context.db, { name: `mcp-${scopes.join("-")}`, scopes })).key;

/** An SDK client whose HTTP goes to the route handler in this process (only POST exists: stateless, JSON). */
async function connect(key: string): Promise<Client> {
  const inProcess = async (url: string | URL, init?: RequestInit) =>
    init?.method === "POST"
      ? POST(new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]), {
          params: Promise.resolve({}),
        })
      : new Response(null, { status: 405 });
  const transport = new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
    fetch: inProcess,
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: "lightbox-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}
type ToolAnswer = { isError?: boolean; content: { type: string; text?: string }[] };
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const answer = (await client.callTool({ name, arguments: args })) as ToolAnswer;
  return { isError: answer.isError ?? false, body: JSON.parse(answer.content[0]?.text ?? "null") };
};

describe("MCP over Streamable HTTP at /api/mcp", () => {
  it("lists the tools, searches by model and prompt word, signs URLs to the exact bytes, refuses record_critique", async () => {
    const client = await connect(await keyWith(["read"]));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(LIGHTBOX_TOOLS).sort());
    const search = tools.find((tool) => tool.name === "search_images");
    expect(Object.keys(search?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["q", "model", "status", "tag", "run", "limit", "cursor"]),
    );

    const found = await call(client, "search_images", { model: "flux1-dev", q: "lighthouse" });
    expect(found.isError).toBe(false);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([lighthouse.id]);

    const image = await call(client, "get_image", { id: lighthouse.id });
    expect(image.body).toMatchObject({ id: lighthouse.id, critiques: [] });
    const original = await fetch(image.body.urls.original);
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(lighthouse.bytes))).toBe(true);

    const refused = await call(client, "record_critique", {
      image_id: lighthouse.id,
      critic: "mcp-critic",
      critic_version: "1",
      score: 0.9,
      scale: "0-1",
    });
    expect(refused).toMatchObject({ isError: true, body: { error: { code: "forbidden" } } });
    const invalid = await call(client, "get_image", { id: "nope" });
    expect(invalid).toMatchObject({ isError: true, body: { error: { code: "invalid_request" } } });
    const missing = await call(client, "get_image", { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing).toMatchObject({ isError: true, body: { error: { code: "not_found" } } });
    await client.close();
  });

  it("answers the read tools; doctor_report and plan_cleanup change nothing", async () => {
    const client = await connect(await keyWith(["read"]));
    const stats = await call(client, "library_stats", { model: "flux1-dev" });
    expect(stats.body.totals.images).toBe(2);
    const experiment = await call(client, "experiment", { parameter: "model", q: "lighthouse" });
    expect(experiment.body.rows.map((row: { value: string }) => row.value).sort()).toEqual([
      "flux1-dev",
      "sdxl_base",
    ]);
    expect((await call(client, "list_runs")).body.items).toEqual([]);
    expect((await call(client, "list_datasets")).body.items).toEqual([]);
    expect((await call(client, "dataset_lineage", { dataset: "none" })).body.error.code).toBe("not_found");
    expect((await call(client, "similar_images", { id: lighthouse.id })).isError).toBe(false);
    expect((await call(client, "doctor_report")).body).toEqual({ report: null });
    expect((await call(client, "doctor_report", { run: true })).body.error.code).toBe("forbidden");
    const plan = await call(client, "plan_cleanup", { older_than: "1d" });
    expect(plan.body).toMatchObject({ would_remove: 0, items: [] });
    const newest = await call(client, "plan_cleanup", { policy: "keep_newest", keep: 1, per: "model" });
    expect(newest.body).toMatchObject({ policy: "keep_newest", cutoff: null });
    expect((await call(client, "plan_cleanup", { policy: "keep_newest", keep: 1 })).body.error.code).toBe(
      "invalid_request",
    );
    const handoff = await call(client, "export_handoff", { filter: { model: "flux1-dev" } });
    expect(handoff.body).toMatchObject({ status: "ready", url: expect.stringMatching(/^http/) });
    const zip = await fetch(handoff.body.url);
    expect(zip.status).toBe(200);
    expect((await call(client, "export_handoff", {})).body.error.code).toBe("invalid_request");
    expect((await call(client, "plan_cleanup", { older_than: "soon" })).body.error.code).toBe(
      "invalid_request",
    );
    // An age no date can hold is the caller's mistake, named as such (it was a RangeError, internal_error).
    expect(await call(client, "plan_cleanup", { older_than: "99999999999999d" })).toMatchObject({
      isError: true,
      body: { error: { code: "invalid_request", message: expect.stringContaining("at most 100 years") } },
    });
    await client.close();
  });

  it("stores a critique with a critic-scoped key; a key without read is refused at the door", async () => {
    const client = await connect(await keyWith(["read", "critic"]));
    const stored = await call(client, "record_critique", {
      image_id: lighthouse.id,
      critic: "mcp-critic",
      critic_version: "1",
      score: 8,
      scale: "1-10",
    });
    expect(stored.isError).toBe(false);
    expect(stored.body).toMatchObject({ image_id: lighthouse.id, critic: "mcp-critic", score: 8 });
    const rows = await context.db.select().from(critiques).where(eq(critiques.imageId, lighthouse.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.apiKeyId).not.toBeNull();
    await client.close();
    await expect(connect(await keyWith(["ingest"]))).rejects.toThrow();
  });
});
