import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { createLightboxClient, postImage } from "./lightbox-client";
import { renderSchemaTypes } from "./render-schema";

const context = await createTestContext();
const images = await import("@/app/api/v1/images/route");
const image = await import("@/app/api/v1/images/[id]/route");
const key = (await createApiKey(context.db, { name: "typescript client", scopes: ["ingest", "read"] })).key;

type Handler = (req: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

/** The app's own route handlers behind a fetch, as Next would call them for these paths. */
async function appFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new NextRequest(new Request(input, init));
  const route: [RegExp, Record<string, Handler | undefined>][] = [
    [/^\/api\/v1\/images$/, images as unknown as Record<string, Handler | undefined>],
    [/^\/api\/v1\/images\/(?<id>[^/]+)$/, image as unknown as Record<string, Handler | undefined>],
  ];
  for (const [pattern, module] of route) {
    const match = pattern.exec(request.nextUrl.pathname);
    const handler = match ? module[request.method] : undefined;
    if (match && handler) return handler(request, { params: Promise.resolve({ ...match.groups }) });
  }
  return new Response("no such route in this test", { status: 404 });
}

describe("the generated TypeScript client", () => {
  it("is what openapi-typescript generates from the OpenAPI document today (npm run clients:generate)", async () => {
    const checkedIn = await readFile(path.join(import.meta.dirname, "schema.d.ts"), "utf8");
    expect(checkedIn === (await renderSchemaTypes())).toBe(true);
  });

  it("posts an image with typed metadata and reads it back", async () => {
    const client = createLightboxClient({ url: "http://localhost:3000/", apiKey: key, fetch: appFetch });
    const png = await makeTestPng({ parameters: A1111_PARAMETERS });
    const posted = await postImage(
      client,
      new Blob([Buffer.from(png)], { type: "image/png" }),
      { run: "ts-client", seed: "18446744073709551615", loras: [{ name: "film_grain", weight: 0.7 }] },
      { idempotencyKey: "ts-client-1", filename: "a.png" },
    );
    expect(posted.response.status).toBe(201);
    const id = posted.data?.id ?? "";
    const read = await client.GET("/images/{id}", { params: { path: { id } } });
    expect(read.data).toMatchObject({
      sha256: createHash("sha256").update(png).digest("hex"),
      seed: "18446744073709551615",
      run: { name: "ts-client" },
      loras: [{ name: "film_grain", weight: 0.7 }],
    });
    const refused = await createLightboxClient({
      url: "http://localhost:3000",
      apiKey: "wrong",
      fetch: appFetch,
    }).GET("/images/{id}", { params: { path: { id } } });
    expect(refused.error).toEqual({
      error: { code: "unauthorized", message: "The API key is malformed" },
    });
  });
});
