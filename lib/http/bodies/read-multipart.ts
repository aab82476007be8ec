import { finished } from "node:stream/promises";
import busboy, { type Busboy } from "busboy";
import { type AppError, err, ok, type Result } from "@/lib/result";

type MultipartLimits = {
  /** The one part that may carry a file; a file in any other part, or a second one, is refused. */
  fileField: string;
  fileBytes: number;
  /** All text parts together, and so each one. */
  textBytes: number;
  /** How many text parts. */
  fields: number;
};

type MultipartForm = { file: Uint8Array | null; fields: Map<string, string> };

// Busboy's own cap on one part's header block; with the boundaries this bounds the framing of an allowed form.
const PART_HEADER_BYTES = 16 * 1024 + 1024;

/**
 * Streams a multipart/form-data body through busboy under hard caps, so a chunked body (no Content-Length) is
 * never read whole: once a cap is passed the source is cancelled and nothing more is pulled. 413 for the file, the
 * text or the part count over its cap; 400 for malformed framing or an unexpected file part. The caller checks
 * that the type is multipart.
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  limits: MultipartLimits,
): Promise<Result<MultipartForm>> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // Busboy flags a part as over its limit once it *reaches* the limit: one byte more lets the limit itself in.
      limits: {
        fileSize: limits.fileBytes + 1,
        fieldSize: limits.textBytes + 1,
        fields: limits.fields,
        parts: limits.fields + 1,
        headerPairs: 16,
      },
    });
  } catch {
    return err("invalid_request", "The multipart Content-Type has no boundary");
  }
  const form: MultipartForm = { file: null, fields: new Map() };
  // Busboy reports a text part only once it has ended, so text is also capped by counting what is not file.
  const state = { refusal: null as AppError | null, malformed: false, fileBytesSeen: 0, fileParts: 0 };
  const refuse = (code: AppError["code"], message: string) => {
    state.refusal ??= { code, message };
  };
  const textTooLarge = () =>
    refuse("payload_too_large", `The text parts are larger than the limit of ${limits.textBytes} bytes`);

  parser.on("file", (name, stream) => {
    state.fileParts += 1;
    if (name !== limits.fileField) refuse("invalid_request", `${name} must be a text part, not a file`);
    else if (state.fileParts > 1) refuse("invalid_request", `Send one ${limits.fileField} part`);
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      state.fileBytesSeen += chunk.byteLength;
      if (!state.refusal) chunks.push(chunk);
    });
    stream.on("limit", () =>
      refuse("payload_too_large", `The ${name} is larger than the limit of ${limits.fileBytes} bytes`),
    );
    stream.on("end", () => {
      if (!state.refusal) form.file = joinChunks(chunks);
    });
    // A body cut mid-file destroys this stream with an error; the parser reports the same error below.
    stream.on("error", () => {});
  });
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) textTooLarge();
    else if (!form.fields.has(name)) form.fields.set(name, value);
  });
  const tooManyParts = () => refuse("payload_too_large", `The form has more than ${limits.fields + 1} parts`);
  parser.on("fieldsLimit", tooManyParts);
  parser.on("partsLimit", tooManyParts);
  parser.on("error", () => {
    state.malformed = true;
  });

  const framingBytes = (limits.fields + 1) * PART_HEADER_BYTES;
  const reader = body?.getReader();
  let received = 0;
  while (reader && !state.refusal && !state.malformed) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    // One chunk in flight: the callback fires once busboy has handed the chunk on (its backpressure).
    await new Promise<void>((resolve) => parser.write(value, () => resolve()));
    if (received - state.fileBytesSeen > limits.textBytes + framingBytes) textTooLarge();
  }
  if (state.refusal || state.malformed) {
    // Stop reading: the rest of the body is never pulled, let alone buffered.
    await reader?.cancel().catch(() => {});
    parser.destroy();
    return state.refusal ? { ok: false, error: state.refusal } : malformed();
  }
  parser.end();
  const ended = await finished(parser).then(
    () => true,
    () => false,
  );
  if (state.refusal) return { ok: false, error: state.refusal };
  return ended ? ok(form) : malformed();
}

const malformed = () => err("invalid_request", "The multipart body is malformed");

/** One copy into a buffer of the file's own (Buffer.concat would share its pool with other small buffers). */
function joinChunks(chunks: Buffer[]): Uint8Array {
  const file = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    file.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return file;
}
