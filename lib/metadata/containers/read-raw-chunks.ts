import { decodeLatin1 } from "../text-decoding";
import type { Container, RawChunk } from "../types";

const PNG_TYPES = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "caBX"]);
const WEBP_TYPES = new Set(["EXIF", "XMP ", "C2PA"]);
/** APP1 (EXIF, XMP), APP2 (extended XMP / ICC is skipped below), APP11 (C2PA JUMBF), COM. */
const JPEG_MARKERS = new Set([0xe1, 0xeb, 0xfe]);
/** Past this, a segment is not metadata any generator writes; the file itself stays the source of truth. */
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

/**
 * The metadata segments of a container exactly as stored, so a re-parse or an export gets the original
 * bytes back whatever characters they hold (decoded text goes through Postgres sanitising; this does not).
 * Views into `bytes`, no copies; never reads past the buffer.
 */
export function readRawChunks(bytes: Uint8Array, container: Container): RawChunk[] {
  const chunks =
    container === "png"
      ? walkPng(bytes)
      : container === "webp"
        ? walkWebp(bytes)
        : container === "jpeg"
          ? walkJpeg(bytes)
          : [];
  let total = 0;
  return chunks.filter((chunk) => {
    total += chunk.data.length;
    return total <= MAX_TOTAL_BYTES;
  });
}

function walkPng(bytes: Uint8Array): RawChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: RawChunk[] = [];
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = decodeLatin1(bytes.subarray(offset + 4, offset + 8));
    const end = Math.min(offset + 8 + length, bytes.length);
    if (PNG_TYPES.has(type)) chunks.push({ type: `png:${type}`, data: bytes.subarray(offset + 8, end) });
    if (type === "IEND" || end - offset - 8 < length) break;
    offset = end + 4;
  }
  return chunks;
}

function walkWebp(bytes: Uint8Array): RawChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: RawChunk[] = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const type = decodeLatin1(bytes.subarray(offset, offset + 4));
    const length = view.getUint32(offset + 4, true);
    const end = Math.min(offset + 8 + length, bytes.length);
    if (WEBP_TYPES.has(type))
      chunks.push({ type: `webp:${type.trim()}`, data: bytes.subarray(offset + 8, end) });
    if (end - offset - 8 < length) break;
    offset = end + (length % 2);
  }
  return chunks;
}

/** Marker segments up to start-of-scan; entropy-coded data is never walked. */
function walkJpeg(bytes: Uint8Array): RawChunk[] {
  const chunks: RawChunk[] = [];
  for (let offset = 2; offset + 4 <= bytes.length && bytes[offset] === 0xff; ) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) break;
    const end = Math.min(offset + 2 + length, bytes.length);
    if (JPEG_MARKERS.has(marker)) {
      const name = marker === 0xfe ? "COM" : `APP${marker - 0xe0}`;
      chunks.push({ type: `jpeg:${name}`, data: bytes.subarray(offset + 4, end) });
    }
    offset = end;
  }
  return chunks;
}
