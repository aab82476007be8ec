import { crc32 as zlibCrc32 } from "node:zlib";

/** CRC-32 as PNG (and ZIP) define it, ISO 3309, over any number of byte ranges in order: Node's own zlib's. */
export function crc32(...parts: Uint8Array[]): number {
  return parts.reduce((crc, part) => zlibCrc32(part, crc), 0);
}
