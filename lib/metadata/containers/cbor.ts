/** Bounds for untrusted input: C2PA claims are a few KB and a few levels deep. */
const MAX_DEPTH = 32;
const MAX_ITEMS = 100_000;

class CborError extends Error {}

/**
 * A minimal CBOR (RFC 8949) decoder for C2PA claims and assertions: maps become plain objects with
 * string keys, byte strings stay views into the input, tags are dropped (their item is kept).
 * Throws on malformed or oversized input; callers treat that as "no manifest".
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let items = 0;
  const need = (count: number) => {
    if (offset + count > bytes.length) throw new CborError("truncated");
  };
  const readLength = (info: number): number | null => {
    if (info < 24) return info;
    if (info === 31) return null;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new CborError("bad length");
    need(size);
    const value =
      size === 1
        ? view.getUint8(offset)
        : size === 2
          ? view.getUint16(offset)
          : size === 4
            ? view.getUint32(offset)
            : Number(view.getBigUint64(offset));
    offset += size;
    return value;
  };
  const isBreak = () => {
    need(1);
    if (bytes[offset] !== 0xff) return false;
    offset += 1;
    return true;
  };
  const readItem = (depth: number): unknown => {
    items += 1;
    if (depth > MAX_DEPTH || items > MAX_ITEMS) throw new CborError("too deep or too large");
    need(1);
    const initial = bytes[offset] ?? 0;
    offset += 1;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return readSimple(info);
    const length = readLength(info);
    if (major === 0) return length;
    if (major === 1) return -1 - (length ?? 0);
    if (major === 2 || major === 3) {
      if (length === null) throw new CborError("indefinite string");
      need(length);
      const data = bytes.subarray(offset, offset + length);
      offset += length;
      return major === 3 ? new TextDecoder().decode(data) : data;
    }
    if (major === 4) {
      const array: unknown[] = [];
      for (let index = 0; length === null ? !isBreak() : index < length; index += 1)
        array.push(readItem(depth + 1));
      return array;
    }
    if (major === 5) {
      const map: Record<string, unknown> = {};
      for (let index = 0; length === null ? !isBreak() : index < length; index += 1) {
        const key = readItem(depth + 1);
        map[String(key)] = readItem(depth + 1);
      }
      return map;
    }
    return readItem(depth + 1); // major 6: a tag; its item is what matters here
  };
  const readSimple = (info: number): unknown => {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22 || info === 23) return null;
    const size = info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : info === 24 ? 1 : 0;
    need(size);
    const value =
      size === 2
        ? decodeHalf(view.getUint16(offset))
        : size === 4
          ? view.getFloat32(offset)
          : size === 8
            ? view.getFloat64(offset)
            : null;
    offset += size;
    return value;
  };
  return readItem(0);
}

function decodeHalf(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
