import "server-only";
import { createHash } from "node:crypto";
import { err, ok, type Result } from "./errors";

/**
 * Reads a JSON body with a hard byte cap (a batch of critiques must not be read whole whatever its size) and
 * returns it with the sha256 of its bytes, which Idempotency-Key compares between retries.
 */
export async function readJsonBody(
  req: Request,
  maxBytes: number,
): Promise<Result<{ value: unknown; sha256: string }>> {
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
  const bytes = Buffer.concat(chunks);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    return ok({ value: JSON.parse(bytes.toString("utf8")), sha256 });
  } catch {
    return err("invalid_request", "The body must be JSON");
  }
}
