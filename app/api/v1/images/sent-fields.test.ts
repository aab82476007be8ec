import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { images } from "@/lib/db/schema";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// What a generator sends is validated: characters Postgres refuses are a 400 naming the field, never a 500,
// and nothing is stored for a refused request.
const context = await createTestContext();
const { POST } = await import("./route");
const key = (await createApiKey(context.db, { name: "generator", scopes: ["ingest"] })).key;
const NUL = "\u0000";
const LONE = "\ud800";

/** Written as text: JSON.stringify itself overflows the stack on such a document. */
function deeplyNestedParams(depth: number): string {
  return `{"params":${'{"next":'.repeat(depth)}{"leaf":1}${"}".repeat(depth)}}`;
}

const CASES: { name: string; metadata: unknown; path: string }[] = [
  { name: "NUL in the prompt", metadata: { prompt: `a${NUL}b` }, path: "metadata.prompt" },
  {
    name: "NUL in the negative prompt",
    metadata: { negative_prompt: NUL },
    path: "metadata.negative_prompt",
  },
  { name: "NUL in the model", metadata: { model: `m${NUL}` }, path: "metadata.model" },
  { name: "NUL in a tag", metadata: { tags: ["ok", `t${NUL}`] }, path: "metadata.tags.1" },
  { name: "NUL in the run", metadata: { run: `run${NUL}` }, path: "metadata.run" },
  {
    name: "NUL in a LoRA name",
    metadata: { loras: [{ name: `l${NUL}`, weight: 1 }] },
    path: "metadata.loras.0.name",
  },
  { name: "NUL in a params key", metadata: { params: { [`k${NUL}`]: 1 } }, path: "metadata.params" },
  {
    name: "NUL in a params value",
    metadata: { params: { note: { deep: `v${NUL}` } } },
    path: "metadata.params.note.deep",
  },
  {
    name: "NUL in the workflow",
    metadata: { workflow: { nodes: [`x${NUL}`] } },
    path: "metadata.workflow.nodes.0",
  },
  {
    name: "a lone surrogate in params",
    metadata: { params: { text: `a${LONE}` } },
    path: "metadata.params.text",
  },
  { name: "params nested 5,000 deep", metadata: deeplyNestedParams(5000), path: "metadata.params" },
];

describe("POST /api/v1/images refuses what Postgres cannot store, naming the field", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const [before] = await context.db.select({ n: count() }).from(images);
      const response = await callRoute(POST, {
        method: "POST",
        path: "/api/v1/images",
        key,
        body: multipart(await makeTestPng(), testCase.metadata),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; message: string; details: { path: string }[] };
      };
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toContain(testCase.path);
      expect(body.error.details.map((issue) => issue.path)).toContain(testCase.path);
      const [after] = await context.db.select({ n: count() }).from(images);
      expect(after?.n).toBe(before?.n);
    });
  }
});
