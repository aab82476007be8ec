// Hand-made multipart bodies for the upload tests: streamed from a generator so a test can send far more bytes
// than it could hold, and count how many the server actually pulled before it stopped reading.

const BOUNDARY = "lightbox-test-boundary";
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

const encoder = new TextEncoder();

export function filePartHead(name = "file", filename = "image.png"): Uint8Array {
  return encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
}

export function textPartHead(name: string): Uint8Array {
  return encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`);
}

export const PART_END = encoder.encode("\r\n");
export const FORM_END = encoder.encode(`--${BOUNDARY}--\r\n`);

/** `byteCount` filler bytes in 64 KiB chunks (one shared buffer: nothing is allocated per chunk). */
export function* filler(byteCount: number, fill = 0x41): Generator<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(fill);
  for (let sent = 0; sent < byteCount; sent += chunk.byteLength) {
    yield chunk.subarray(0, Math.min(chunk.byteLength, byteCount - sent));
  }
}

type CountingStream = {
  stream: ReadableStream<Uint8Array>;
  pulled: () => number;
  cancelled: () => boolean;
};

/** A pull-driven body: the next chunk is made only when the reader asks for it, so `pulled` is what was read. */
export function countingStream(chunks: Iterable<Uint8Array>): CountingStream {
  const iterator = chunks[Symbol.iterator]();
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        pulled += next.value.byteLength;
        controller.enqueue(next.value.slice());
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

/** A POST with a streamed body and (unless given) no Content-Length, as a chunked upload arrives. */
export function streamedRequest(
  body: ReadableStream<Uint8Array>,
  contentType = MULTIPART_TYPE,
  headers: Record<string, string> = {},
): Request {
  // Node's fetch needs `duplex` for a stream body; the DOM typings do not know the field yet.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
    duplex: "half",
  };
  return new Request("http://localhost:3000/api/v1/images", init);
}
