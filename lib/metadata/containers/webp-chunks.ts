import { decodeLatin1, decodeUtf8 } from "../text-decoding";
import type { TextEntry } from "./text-entry";

export type WebpChunks = { exif: Uint8Array | null; entries: TextEntry[]; warnings: string[] };

export function isWebp(bytes: Uint8Array): boolean {
  return decodeLatin1(bytes.subarray(0, 4)) === "RIFF" && decodeLatin1(bytes.subarray(8, 12)) === "WEBP";
}

/** Walks the RIFF chunk list for EXIF and "XMP " (WebP container spec); image chunks are skipped. */
export function readWebpChunks(bytes: Uint8Array, maxChunkBytes: number): WebpChunks {
  const result: WebpChunks = { exif: null, entries: [], warnings: [] };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const type = decodeLatin1(bytes.subarray(offset, offset + 4));
    const declaredLength = view.getUint32(offset + 4, true);
    const dataStart = offset + 8;
    const available = bytes.length - dataStart;
    if (declaredLength > available) result.warnings.push(`webp: ${type} chunk truncated`);
    const data = bytes.subarray(dataStart, dataStart + Math.min(declaredLength, available));
    if (data.length > maxChunkBytes && (type === "EXIF" || type === "XMP ")) {
      result.warnings.push(`webp: ${type} chunk is larger than ${maxChunkBytes} bytes; skipped`);
    } else if (type === "EXIF") {
      result.exif = data;
    } else if (type === "XMP ") {
      result.entries.push({ keyword: "XMP", text: decodeUtf8(data), source: "webp:XMP" });
    }
    if (declaredLength > available) break;
    offset = dataStart + declaredLength + (declaredLength % 2);
  }
  return result;
}
