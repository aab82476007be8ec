import "server-only";
import { createHash } from "node:crypto";
import { err, ok, type Result } from "@/lib/result";

// The largest JSON body any route takes (a batch of 500 critiques with their raw outputs).
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

/** The body's bytes, read with a hard cap: refused (413) as soon as it passes `maxBytes`, never read whole. */
async function readBodyBytes(req: Request, maxBytes: number): Promise<Result<Buffer>> {
  const tooLarge = () => err("payload_too_large", `The JSON body must be at most ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  return ok(Buffer.concat(chunks));
}

/**
 * Reads a JSON body with a hard byte cap (a batch of critiques must not be read whole whatever its size) and
 * returns it with the sha256 of its bytes, which Idempotency-Key compares between retries. An empty body is
 * `undefined` (for the route's schema to default or refuse); anything else must parse as JSON.
 */
export async function readJsonBody(
  req: Request,
  maxBytes: number,
): Promise<Result<{ value: unknown; sha256: string }>> {
  const bytes = await readBodyBytes(req, maxBytes);
  if (!bytes.ok) return bytes;
  const sha256 = createHash("sha256").update(bytes.value).digest("hex");
  const text = bytes.value.toString("utf8");
  if (text.trim() === "") return ok({ value: undefined, sha256 });
  try {
    return ok({ value: JSON.parse(text), sha256 });
  } catch {
    return err("invalid_request", "The body must be JSON");
  }
}
