import "server-only";
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { ModelHashes } from "./model-hashes";

// A1111's legacy model hash reads this window of the file (modules/hashes.py, sd_models.model_hash).
const AUTOV1_START = 0x100000;
const AUTOV1_END = 0x110000;
// A safetensors file starts with the length of its JSON header as a little-endian u64.
const SAFETENSORS_LENGTH_BYTES = 8;

/**
 * Every hash form of a model file (model-hashes.ts), in one streaming pass: sha256 and AutoV2 always, AutoV1 from
 * its window, AutoV3 when the file is a safetensors file (its header length fits the file).
 */
export async function hashModelFile(path: string): Promise<ModelHashes & { bytes: number }> {
  const whole = createHash("sha256");
  const legacy = createHash("sha256");
  let tensors: Hash | null = null;
  let tensorsStart = Number.POSITIVE_INFINITY;
  let head = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    const end = offset + chunk.length;
    if (offset < AUTOV1_END && end > AUTOV1_START)
      legacy.update(chunk.subarray(Math.max(0, AUTOV1_START - offset), AUTOV1_END - offset));
    if (head.length < SAFETENSORS_LENGTH_BYTES) {
      head = Buffer.concat([head, chunk.subarray(0, SAFETENSORS_LENGTH_BYTES - head.length)]);
      if (head.length === SAFETENSORS_LENGTH_BYTES) {
        tensorsStart = SAFETENSORS_LENGTH_BYTES + Number(head.readBigUInt64LE(0));
        tensors = createHash("sha256");
      }
    }
    if (tensors && end > tensorsStart) tensors.update(chunk.subarray(Math.max(0, tensorsStart - offset)));
    offset = end;
  }
  const sha256 = whole.digest("hex");
  const isSafetensors = tensors !== null && tensorsStart <= offset && (await looksLikeSafetensors(path));
  return {
    sha256,
    autov1: legacy.digest("hex").slice(0, 8),
    autov2: sha256.slice(0, 10),
    autov3: isSafetensors && tensors ? tensors.digest("hex").slice(0, 12) : null,
    bytes: offset,
  };
}

/** The header after the length is a JSON object (`{`): a checkpoint of another format has no AutoV3. */
async function looksLikeSafetensors(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, {
    start: SAFETENSORS_LENGTH_BYTES,
    end: SAFETENSORS_LENGTH_BYTES,
  }) as AsyncIterable<Buffer>)
    return chunk[0] === 0x7b;
  return false;
}
