import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import { countingStream, filePartHead, filler, MULTIPART_TYPE } from "@/lib/testing/multipart-stream";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { GET, POST } = await import("./route");
const item = await import("./[id]/route");
const ingestKey = (await createApiKey(context.db, { name: "generator", scopes: ["ingest", "read"] })).key;
const readKey = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const adminKey = (await createApiKey(context.db, { name: "admin", scopes: ["admin"] })).key;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const post = (key: string | undefined, body: FormData, headers?: Record<string, string>) =>
  callRoute(POST, { method: "POST", path: "/api/v1/images", key, body, headers });

describe("POST /api/v1/images", () => {
  it("answers 401 with the error envelope without a key, and for an unknown key", async () => {
    const anonymous = await post(undefined, multipart(await makeTestPng()));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: "unauthorized", message: "Send an API key as `Authorization: Bearer <key>`" },
    });
    const unknown = await post(`lbx_abcdefgh_${"x".repeat(43)}`, multipart(await makeTestPng()));
    expect(await unknown.json()).toEqual({
      error: { code: "unauthorized", message: "The API key is unknown or revoked" },
    });
  });

  it("answers 403 for a key without the ingest scope", async () => {
    const response = await post(readKey, multipart(await makeTestPng()));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "forbidden", message: 'This API key lacks the "ingest" scope' },
    });
  });

  it("stores an image: 201 with the record and signed URLs; the same bytes again: 200 duplicate", async () => {
    const bytes = await makeTestPng({ parameters: A1111_PARAMETERS });
    const created = await post(ingestKey, multipart(bytes, { seed: 42, run: "api-test", tags: ["keeper"] }));
    expect(created.status).toBe(201);
    const record = await created.json();
    expect(record).toMatchObject({
      sha256: sha256(bytes),
      seed: "42",
      prompt: expect.stringContaining("lighthouse"),
      duplicate: false,
    });
    expect(record.tags).toEqual(["keeper"]);

    const original = await fetch((record.urls as { original: string }).original);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(sha256(new Uint8Array(await original.arrayBuffer()))).toBe(sha256(bytes));

    const again = await post(ingestKey, multipart(bytes));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: record.id, duplicate: true });
  });

  it.each([
    ["no file part", () => multipart(null, {}), 400, "invalid_request", "file is required"],
    [
      "metadata that is not JSON",
      async () => multipart(await makeTestPng(), "{seed:"),
      400,
      "invalid_request",
      "metadata is not valid JSON",
    ],
    [
      "a seed of the wrong type",
      async () => multipart(await makeTestPng(), { seed: "abc" }),
      400,
      "invalid_request",
      undefined,
    ],
    [
      "an unknown metadata field",
      async () => multipart(await makeTestPng(), { sede: 1 }),
      400,
      "invalid_request",
      undefined,
    ],
    [
      "a text file",
      async () => multipart(new TextEncoder().encode("not an image")),
      415,
      "unsupported_media_type",
      undefined,
    ],
    [
      "a truncated PNG",
      async () => multipart((await makeTestPng({ width: 200, height: 200 })).subarray(0, 2000)),
      422,
      "invalid_image",
      undefined,
    ],
  ])("refuses %s with %i %s", async (_name, makeBody, status, code, message) => {
    const response = await post(ingestKey, await makeBody());
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
    expect(body.error.code).toBe(code);
    if (message) expect(body.error.message).toBe(message);
  });

  it("names the bad metadata field in the error details", async () => {
    const response = await post(ingestKey, multipart(await makeTestPng(), { seed: "abc", steps: 1.5 }));
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "metadata.seed: seed must be an integer from 0 to 2^64-1 (send seeds above 2^53 as strings)",
        details: [
          {
            path: "metadata.seed",
            message: "seed must be an integer from 0 to 2^64-1 (send seeds above 2^53 as strings)",
          },
          { path: "metadata.steps", message: "steps must be an integer" },
        ],
      },
    });
  });

  it("refuses a 600 MB chunked upload with 413 after reading little more than MAX_UPLOAD_BYTES", async () => {
    const limit = context.config.limits.maxUploadBytes;
    const source = countingStream([filePartHead(), ...filler(600 * 1024 * 1024)]);
    const response = await callRoute(POST, {
      method: "POST",
      path: "/api/v1/images",
      key: ingestKey,
      headers: { "content-type": MULTIPART_TYPE },
      body: source.stream,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: `The file is larger than the limit of ${limit} bytes` },
    });
    expect(source.pulled()).toBeLessThan(limit + 256 * 1024);
    expect(source.cancelled()).toBe(true);
  });

  it("replays a retried POST with the same Idempotency-Key and refuses the key for a different body", async () => {
    const bytes = await makeTestPng();
    const headers = { "idempotency-key": `retry-${sha256(bytes).slice(0, 12)}` };
    const first = await post(ingestKey, multipart(bytes, { prompt: "p" }), headers);
    const retry = await post(ingestKey, multipart(bytes, { prompt: "p" }), headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await retry.json()).id).toBe((await first.json()).id);

    const other = await post(ingestKey, multipart(await makeTestPng(), { prompt: "p" }), headers);
    expect(other.status).toBe(409);
    expect(await other.json()).toEqual({
      error: { code: "conflict", message: "This Idempotency-Key was already used for a different request" },
    });
  });
});

describe("GET /api/v1/images and /api/v1/images/{id}", () => {
  it("lists newest first with filters and a keyset cursor", async () => {
    const run = `list-${Date.now()}`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await post(
        ingestKey,
        multipart(await makeTestPng(), {
          run,
          model: index % 2 ? "odd" : "even",
          prompt: `castle number ${index}`,
        }),
      );
      ids.push((await response.json()).id as string);
    }
    const page = async (query: string) =>
      (await callRoute(GET, { path: `/api/v1/images?${query}`, key: readKey })).json();
    const runId = ((await page("limit=1")).items as { run: { id: string } }[])[0]?.run.id;

    const first = await page(`run=${runId}&limit=2`);
    expect((first.items as { id: string }[]).map((image) => image.id)).toEqual([ids[4], ids[3]]);
    const second = await page(`run=${runId}&limit=2&cursor=${first.next_cursor}`);
    const third = await page(`run=${runId}&limit=2&cursor=${second.next_cursor}`);
    expect(
      [...(second.items as { id: string }[]), ...(third.items as { id: string }[])].map((image) => image.id),
    ).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.next_cursor).toBeNull();

    const odd = await page(`run=${runId}&model=odd`);
    expect((odd.items as { id: string }[]).map((image) => image.id)).toEqual([ids[3], ids[1]]);
    const searched = await page(`run=${runId}&q=${encodeURIComponent("castle 2")}`);
    expect((searched.items as { id: string }[]).map((image) => image.id)).toEqual([ids[2]]);

    const forged = Buffer.from(JSON.stringify(["not a time", ids[0]])).toString("base64url");
    const refused = await callRoute(GET, { path: `/api/v1/images?cursor=${forged}`, key: readKey });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: "invalid_request", message: "cursor is not one this API returned" },
    });

    const tooMany = await callRoute(GET, { path: "/api/v1/images?limit=500", key: readKey });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()).error as { message: string }).message).toBe(
      "limit: limit must be at most 200",
    );
  });

  it("gets one image with signed URLs; 404 for an unknown id; soft delete needs the admin scope", async () => {
    const bytes = await makeTestPng({ width: 2400, height: 1000 });
    const { id } = (await (await post(ingestKey, multipart(bytes))).json()) as { id: string };
    type Got = { derive_state: string; urls: { original: string; preview: string; thumb: string } };
    const get = () => callRoute(item.GET, { path: `/api/v1/images/${id}`, key: readKey, params: { id } });
    // Before a worker made the variants, every URL is the original's.
    const pending = (await (await get()).json()) as Got;
    expect(pending.derive_state).toBe("pending");
    expect(new URL(pending.urls.thumb).pathname).toBe(new URL(pending.urls.original).pathname);
    await runImageJobs(context);
    const got = await get();
    const record = (await got.json()) as Got;
    expect(got.status).toBe(200);
    expect(record.derive_state).toBe("done");
    const thumb = await fetch(record.urls.thumb);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(record.urls.preview).not.toBe(record.urls.original);

    const missingId = "00000000-0000-4000-8000-000000000000";
    const missing = await callRoute(item.GET, { key: readKey, params: { id: missingId } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "not_found", message: `Image ${missingId} does not exist` },
    });

    expect((await callRoute(item.DELETE, { method: "DELETE", key: readKey, params: { id } })).status).toBe(
      403,
    );
    const deleted = await callRoute(item.DELETE, { method: "DELETE", key: adminKey, params: { id } });
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).deleted_at).toEqual(expect.any(String));
  });
});
