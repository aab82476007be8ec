import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  countingStream,
  FORM_END,
  filePartHead,
  filler,
  MULTIPART_TYPE,
  PART_END,
  streamedRequest,
  textPartHead,
} from "@/lib/testing/multipart-stream";
import { MAX_METADATA_BYTES, parseIngestRequest } from "./parse-ingest-request";

const MB = 1024 * 1024;
const limits = { maxUploadBytes: MB, maxImagePixels: 1_000_000, ingestBacklog: 200, ingestConcurrency: 2 };
const encode = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();

async function parse(chunks: Iterable<Uint8Array>, contentType = MULTIPART_TYPE) {
  const source = countingStream(chunks);
  const result = await parseIngestRequest(streamedRequest(source.stream, contentType), limits);
  return { result, source };
}

describe("parseIngestRequest", () => {
  it("reads the file and metadata parts; requestSha256 covers the bytes and the metadata text", async () => {
    const metadata = JSON.stringify({ prompt: "a lighthouse", seed: 7 });
    const bytes = new Uint8Array(300_000).fill(7);
    const { result } = await parse([
      textPartHead("metadata"),
      encode(metadata),
      PART_END,
      filePartHead(),
      ...filler(bytes.byteLength, 7),
      PART_END,
      FORM_END,
    ]);
    if (!result.ok) throw new Error(result.error.message);
    expect(sha256(result.value.bytes)).toEqual(sha256(bytes));
    expect(result.value.metadata).toMatchObject({ prompt: "a lighthouse", seed: 7 });
    const expected = createHash("sha256").update(sha256(bytes)).update(metadata).digest("hex");
    expect(result.value.requestSha256).toBe(expected);
  });

  it("accepts a file of exactly the limit", async () => {
    const { result } = await parse([filePartHead(), ...filler(MB), PART_END, FORM_END]);
    expect(result.ok && result.value.bytes.byteLength).toBe(MB);
  });

  it("refuses a chunked body over the limit with 413 after reading little more than the limit", async () => {
    const { result, source } = await parse([filePartHead(), ...filler(600 * MB)]);
    expect(result).toEqual({
      ok: false,
      error: { code: "payload_too_large", message: `The file is larger than the limit of ${MB} bytes` },
    });
    expect(source.pulled()).toBeLessThan(MB + 256 * 1024);
    expect(source.cancelled()).toBe(true);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const source = countingStream([filePartHead(), ...filler(10 * MB)]);
    const request = streamedRequest(source.stream, MULTIPART_TYPE, { "content-length": String(10 * MB) });
    const result = await parseIngestRequest(request, limits);
    expect(result.ok ? null : result.error.code).toBe("payload_too_large");
    expect(source.pulled()).toBe(0);
  });

  it("refuses a metadata part over its limit with 413 without reading the rest", async () => {
    const { result, source } = await parse([textPartHead("metadata"), ...filler(600 * MB)]);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "payload_too_large",
        message: `The text parts are larger than the limit of ${MAX_METADATA_BYTES} bytes`,
      },
    });
    expect(source.pulled()).toBeLessThan(MAX_METADATA_BYTES + 256 * 1024);
  });

  it("refuses a body of endless small text parts with 413", async () => {
    const part = [textPartHead("note"), encode("x"), PART_END];
    const { result, source } = await parse(Array.from({ length: 100_000 }, () => part).flat());
    expect(result.ok ? null : result.error.code).toBe("payload_too_large");
    expect(source.pulled()).toBeLessThan(64 * 1024);
  });

  it("refuses a body that is not multipart with 415", async () => {
    const { result } = await parse([encode("{}")], "application/json");
    expect(result.ok ? null : result.error.code).toBe("unsupported_media_type");
  });

  it.each([
    [
      "a multipart type without a boundary",
      [filePartHead(), encode("x"), PART_END, FORM_END],
      "multipart/form-data",
    ],
    [
      "a body framed with another boundary",
      [encode('--other\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--other--\r\n')],
      MULTIPART_TYPE,
    ],
    ["a body cut before its closing boundary", [filePartHead(), encode("x".repeat(1000))], MULTIPART_TYPE],
    [
      "a part header without a blank line",
      [encode("--lightbox-test-boundary\r\nno header here")],
      MULTIPART_TYPE,
    ],
  ])("refuses %s with 400", async (_name, chunks, contentType) => {
    const { result } = await parse(chunks, contentType);
    expect(result.ok ? null : result.error.code).toBe("invalid_request");
  });

  it("refuses a form without a file part", async () => {
    const { result } = await parse([textPartHead("metadata"), encode("{}"), PART_END, FORM_END]);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid_request",
        message: "file is required",
        details: [{ path: "file", message: "a file part is required" }],
      },
    });
  });

  it("refuses two file parts without reading the second", async () => {
    const { result, source } = await parse([
      filePartHead(),
      encode("first"),
      PART_END,
      filePartHead("file", "second.png"),
      ...filler(600 * MB),
    ]);
    expect(result).toEqual({ ok: false, error: { code: "invalid_request", message: "Send one file part" } });
    expect(source.pulled()).toBeLessThan(256 * 1024);
  });

  it("refuses metadata sent as a file part", async () => {
    const { result } = await parse([filePartHead("metadata", "meta.json"), encode("{}"), PART_END, FORM_END]);
    expect(result).toEqual({
      ok: false,
      error: { code: "invalid_request", message: "metadata must be a text part, not a file" },
    });
  });
});
