import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/bodies/read-json-body";
import { countingStream, filler } from "@/lib/testing/multipart-stream";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// JSON bodies are read with a hard cap like multipart ones: a chunked body of 10× the cap is refused with 413
// after little more than the cap is pulled, on the shared idempotent POST path and on the other JSON routes.
const context = await createTestContext();
const { POST: postRun } = await import("./runs/route");
const { DELETE: removeImages } = await import("./datasets/[id]/images/route");
const key = (await createApiKey(context.db, { name: "admin", scopes: ["ingest", "admin"] })).key;

async function expectRefusedUnread(
  send: (body: ReadableStream<Uint8Array>) => ReturnType<typeof callRoute>,
): Promise<void> {
  const source = countingStream(filler(10 * MAX_JSON_BODY_BYTES));
  const response = await send(source.stream);
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    error: {
      code: "payload_too_large",
      message: `The JSON body must be at most ${MAX_JSON_BODY_BYTES} bytes`,
    },
  });
  expect(source.pulled()).toBeLessThan(MAX_JSON_BODY_BYTES + 1024 * 1024);
}

const json = { "content-type": "application/json" };

describe("JSON bodies over the cap", () => {
  it("POST /runs (the idempotent POST path): 413 without reading the body whole", async () => {
    await expectRefusedUnread((body) => callRoute(postRun, { method: "POST", key, headers: json, body }));
  });

  it("DELETE /datasets/{id}/images: 413 without reading the body whole", async () => {
    await expectRefusedUnread((body) =>
      callRoute(removeImages, {
        method: "DELETE",
        key,
        params: { id: "00000000-0000-4000-8000-000000000000" },
        headers: json,
        body,
      }),
    );
  });
});
