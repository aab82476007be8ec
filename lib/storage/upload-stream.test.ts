import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";
import { exportKey } from "./keys";
import { getObjectBytes, headObject } from "./objects";
import { uploadStream } from "./upload-stream";

const context = await createTestContext();
const { storage } = context;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `total` random bytes in uneven chunks, optionally failing after `failAfter` of them. */
function chunks(bytes: Buffer, failAfter?: number): Readable {
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 1_000_003) {
        if (failAfter !== undefined && offset >= failAfter) throw new Error("source broke");
        yield bytes.subarray(offset, offset + 1_000_003);
      }
    })(),
  );
}

describe("uploadStream", () => {
  it("uploads a body of unknown length in parts and stores exactly its bytes", async () => {
    const bytes = randomBytes(18 * 1024 * 1024);
    const key = exportKey(sha256(bytes));
    const result = await uploadStream(storage, { key, body: chunks(bytes), contentType: "application/zip" });
    expect(result.ok).toBe(true);
    const stored = await getObjectBytes(storage, key);
    if (!stored.ok) throw new Error(stored.error.message);
    expect(sha256(stored.value)).toBe(sha256(bytes));
    expect(await headObject(storage, key)).toMatchObject({
      ok: true,
      value: { contentType: "application/zip", byteSize: bytes.length },
    });
  });

  it("leaves nothing under the key when the body fails after some parts went up", async () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const key = exportKey(sha256(bytes));
    await expect(
      uploadStream(storage, { key, body: chunks(bytes, 17 * 1024 * 1024), contentType: "application/zip" }),
    ).rejects.toThrow(/source broke/);
    expect(await headObject(storage, key)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
