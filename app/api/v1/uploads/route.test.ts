import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import { headObject } from "@/lib/storage/objects";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { POST: createUpload } = await import("./route");
const { POST: completeUpload } = await import("./[id]/complete/route");
const key = (await createApiKey(context.db, { name: "uploader", scopes: ["ingest"] })).key;
const otherKey = (await createApiKey(context.db, { name: "other", scopes: ["ingest"] })).key;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type Ticket = { id: string; upload_url: string; method: string; headers: Record<string, string> };

async function start(bytes: Uint8Array, contentType = "image/png"): Promise<Ticket> {
  const response = await callRoute(createUpload, {
    method: "POST",
    key,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ content_type: contentType, byte_size: bytes.length }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Ticket;
}

const complete = (id: string, metadata: unknown = {}, withKey = key) =>
  callRoute(completeUpload, {
    method: "POST",
    key: withKey,
    params: { id },
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ metadata }),
  });

describe("direct-to-bucket uploads", () => {
  it("PUTs to the presigned URL, then completes through the ingest pipeline and removes the staging object", async () => {
    const bytes = await makeTestPng({ width: 640, height: 480, parameters: A1111_PARAMETERS });
    const ticket = await start(bytes);
    expect(ticket.method).toBe("PUT");
    const put = await fetch(ticket.upload_url, {
      method: "PUT",
      headers: ticket.headers,
      body: Buffer.from(bytes),
    });
    expect(put.status).toBe(200);

    const done = await complete(ticket.id, { tags: ["direct"], seed: 7 });
    expect(done.status).toBe(201);
    const record = (await done.json()) as {
      sha256: string;
      seed: string;
      tags: string[];
      prompt: string;
      urls: { original: string };
    };
    expect(record).toMatchObject({ sha256: sha256(bytes), seed: "7", tags: ["direct"] });
    expect(record.prompt).toContain("lighthouse");
    const original = await fetch(record.urls.original);
    expect(sha256(new Uint8Array(await original.arrayBuffer()))).toBe(sha256(bytes));
    expect(await headObject(context.storage, `staging/${ticket.id}`)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });

    const again = await complete(ticket.id);
    expect(again.status).toBe(409);
  });

  it("refuses to complete before the bytes were uploaded, and hides other keys' uploads", async () => {
    const ticket = await start(await makeTestPng());
    const early = await complete(ticket.id);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({
      error: { code: "invalid_request", message: "No bytes were uploaded to the upload URL yet" },
    });
    expect((await complete(ticket.id, {}, otherKey)).status).toBe(404);
  });

  it("refuses a staged file that is not an image and cleans it up", async () => {
    const text = new TextEncoder().encode("definitely not an image");
    const ticket = await start(text);
    await fetch(ticket.upload_url, { method: "PUT", headers: ticket.headers, body: Buffer.from(text) });
    const done = await complete(ticket.id);
    expect(done.status).toBe(415);
    expect(await headObject(context.storage, `staging/${ticket.id}`)).toMatchObject({ ok: false });
  });

  it("refuses announced sizes over the limit and unknown types", async () => {
    const tooBig = await callRoute(createUpload, {
      method: "POST",
      key,
      body: JSON.stringify({
        content_type: "image/png",
        byte_size: context.config.limits.maxUploadBytes + 1,
      }),
    });
    expect(tooBig.status).toBe(413);
    const gif = await callRoute(createUpload, {
      method: "POST",
      key,
      body: JSON.stringify({ content_type: "image/gif", byte_size: 10 }),
    });
    expect(gif.status).toBe(400);
  });

  it("replays create and complete under one Idempotency-Key, with URLs signed at the replay", async () => {
    const bytes = await makeTestPng({ width: 64, height: 48 });
    const createWithKey = () =>
      callRoute(createUpload, {
        method: "POST",
        key,
        headers: { "content-type": "application/json", "idempotency-key": `create-${sha256(bytes)}` },
        body: JSON.stringify({ content_type: "image/png", byte_size: bytes.length }),
      });
    const first = await createWithKey();
    const ticket = (await first.json()) as Ticket;
    const again = await createWithKey();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const replayedTicket = (await again.json()) as Ticket;
    expect(replayedTicket.id).toBe(ticket.id);
    expect(replayedTicket.upload_url).toMatch(/^https?:/);
    await fetch(replayedTicket.upload_url, {
      method: "PUT",
      headers: ticket.headers,
      body: Buffer.from(bytes),
    });

    const completeWithKey = () =>
      callRoute(completeUpload, {
        method: "POST",
        key,
        params: { id: ticket.id },
        headers: { "content-type": "application/json", "idempotency-key": `complete-${ticket.id}` },
        body: JSON.stringify({ metadata: { seed: 3 } }),
      });
    const done = await completeWithKey();
    expect(done.status).toBe(201);
    const record = (await done.json()) as { id: string; urls: { original: string } };
    const replay = await completeWithKey();
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toMatchObject({ id: record.id, duplicate: false, seed: "3" });
    // Without the key, a second complete is refused: the upload is finished.
    expect((await complete(ticket.id, { seed: 3 })).status).toBeGreaterThanOrEqual(400);
  });
});
