import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { readZipEntries } from "@/lib/datasets/export/testing/read-zip-entries";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// Named *-route.test.ts, not route.test.ts: the pooler project reruns every route.test.ts, and this adds nothing there.
const context = await createTestContext();
const route = await import("./route");
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const records = await ingestTestImages(context, 3);
await context.db
  .update(images)
  .set({ model: "aux", modelKey: "aux", createdAt: new Date("2026-02-03T04:05:06Z") })
  .where(eq(images.id, records[0]?.id ?? ""));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function download(location: string | null) {
  const response = await fetch(location ?? "");
  expect(response.status).toBe(200);
  return readZipEntries(Buffer.from(await response.arrayBuffer()));
}

describe("GET /api/v1/images/handoff.zip", () => {
  it("redirects to a ZIP of a filter's images: safe names, original bytes, sidecars, a manifest", async () => {
    const answer = await callRoute(route.GET, { key: reader, path: "/?model=AUX.safetensors" });
    expect(answer.status).toBe(302);
    const entries = await download(answer.headers.get("location"));
    const short = records[0]?.sha256.slice(0, 8);
    expect(entries.map((entry) => entry.name)).toEqual([
      `generations/2026-02-03/aux_/20260203_040506_aux__${short}.png`,
      `generations/2026-02-03/aux_/20260203_040506_aux__${short}.json`,
      "manifest.jsonl",
    ]);
    expect(sha256(entries[0]?.data ?? Buffer.alloc(0))).toBe(records[0]?.sha256);
    expect(JSON.parse(entries[1]?.data.toString("utf8") ?? "")).toMatchObject({
      model: "aux",
      image_id: records[0]?.id,
    });
    const manifest = (entries[2]?.data.toString("utf8") ?? "")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(manifest.map((line: { sha256: string }) => line.sha256)).toEqual(
      entries.slice(0, 2).map((e) => sha256(e.data)),
    );
  });

  it("takes a gallery selection as ids, and refuses bad ids or a missing key in the error shape", async () => {
    const ids = records.slice(1).map((record) => record.id);
    const answer = await callRoute(route.GET, { key: reader, path: `/?ids=${ids.join(",")}` });
    expect(answer.status).toBe(302);
    const entries = await download(answer.headers.get("location"));
    expect(entries).toHaveLength(5);
    const bad = await callRoute(route.GET, { key: reader, path: "/?ids=nope" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request" } });
    const unknown = await callRoute(route.GET, { key: reader, path: "/?status=approved&bogus=1" });
    expect(unknown.status).toBe(400);
    expect((await callRoute(route.GET, { path: "/?model=aux" })).status).toBe(401);
  });
});
