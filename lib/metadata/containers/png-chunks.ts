import { decodeLatin1, decodeUtf8, decodeUtf8OrLatin1 } from "../text-decoding";
import { crc32 } from "./crc32";
import { inflateBounded } from "./inflate-bounded";
import type { TextEntry } from "./text-entry";

type PngHeader = { width: number; height: number; bitDepth: number; colorType: number };

export type PngChunks = {
  header: PngHeader | null;
  entries: TextEntry[];
  /** Payload of an eXIf chunk (a TIFF stream), if any. */
  exif: Uint8Array | null;
  warnings: string[];
};

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_CHUNKS = new Set(["tEXt", "zTXt", "iTXt"]);

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * Walks the chunk list without touching pixel data: IDAT is skipped by its length, and only
 * text chunks are checksummed, so a 1.5 MB PNG costs microseconds. Never reads past the buffer.
 */
export function readPngChunks(bytes: Uint8Array, maxChunkBytes: number): PngChunks {
  const result: PngChunks = { header: null, entries: [], exif: null, warnings: [] };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = SIGNATURE.length;
  let hasEnd = false;
  while (offset + 8 <= bytes.length) {
    const declaredLength = view.getUint32(offset);
    const type = decodeLatin1(bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const available = bytes.length - dataStart;
    const isTruncated = declaredLength > available;
    const data = bytes.subarray(dataStart, dataStart + Math.min(declaredLength, available));
    if (isTruncated)
      result.warnings.push(`png: ${type} chunk truncated (${available} of ${declaredLength} bytes)`);
    if (type === "IHDR") result.header = readHeader(data);
    else if (type === "eXIf") result.exif = data;
    else if (TEXT_CHUNKS.has(type)) {
      if (!isTruncated) checkCrc(bytes, view, offset, data, type, result.warnings);
      readTextChunk(type, data, maxChunkBytes, result);
    } else if (type === "IEND") {
      hasEnd = true;
      break;
    }
    if (isTruncated) break;
    offset = dataStart + declaredLength + 4;
  }
  if (!hasEnd && !result.warnings.some((warning) => warning.includes("truncated"))) {
    result.warnings.push("png: file ends before IEND (truncated)");
  }
  return result;
}

function readHeader(data: Uint8Array): PngHeader | null {
  if (data.length < 13) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth: data[8] ?? 0,
    colorType: data[9] ?? 0,
  };
}

function checkCrc(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  data: Uint8Array,
  type: string,
  warnings: string[],
) {
  const crcOffset = offset + 8 + data.length;
  if (crcOffset + 4 > bytes.length) return;
  const expected = view.getUint32(crcOffset);
  if (crc32(bytes.subarray(offset + 4, offset + 8), data) !== expected) {
    // Kept anyway: a bad CRC usually means a careless editor, not a damaged payload.
    warnings.push(`png: ${type} chunk has a wrong CRC; text kept`);
  }
}

function readTextChunk(type: string, data: Uint8Array, maxChunkBytes: number, result: PngChunks) {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd <= 0) {
    result.warnings.push(`png: ${type} chunk without a keyword`);
    return;
  }
  const keyword = decodeLatin1(data.subarray(0, keywordEnd));
  if (type === "tEXt") {
    pushText(result, keyword, data.subarray(keywordEnd + 1), maxChunkBytes, type, decodeUtf8OrLatin1);
  } else if (type === "zTXt") {
    inflateText(result, keyword, data.subarray(keywordEnd + 2), maxChunkBytes, type, decodeUtf8OrLatin1);
  } else {
    readInternationalText(keyword, data, keywordEnd, maxChunkBytes, result);
  }
}

/** iTXt: keyword\0 flag method language\0 translated-keyword\0 text, text UTF-8 and maybe deflated. */
function readInternationalText(
  keyword: string,
  data: Uint8Array,
  keywordEnd: number,
  maxChunkBytes: number,
  result: PngChunks,
) {
  const isCompressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) {
    result.warnings.push(`png: iTXt '${keyword}' has a malformed header`);
    return;
  }
  const text = data.subarray(translatedEnd + 1);
  if (isCompressed) inflateText(result, keyword, text, maxChunkBytes, "iTXt", decodeUtf8);
  else pushText(result, keyword, text, maxChunkBytes, "iTXt", decodeUtf8);
}

function inflateText(
  result: PngChunks,
  keyword: string,
  compressed: Uint8Array,
  maxChunkBytes: number,
  type: string,
  decode: (bytes: Uint8Array) => string,
) {
  const inflated = inflateBounded(compressed, maxChunkBytes, "zlib");
  if (!inflated.ok) {
    result.warnings.push(`png: ${type} '${keyword}' skipped: ${inflated.error}`);
    return;
  }
  pushText(result, keyword, inflated.bytes, maxChunkBytes, type, decode);
}

function pushText(
  result: PngChunks,
  keyword: string,
  bytes: Uint8Array,
  maxChunkBytes: number,
  type: string,
  decode: (bytes: Uint8Array) => string,
) {
  if (bytes.length > maxChunkBytes) {
    result.warnings.push(`png: ${type} '${keyword}' is larger than ${maxChunkBytes} bytes; skipped`);
    return;
  }
  result.entries.push({ keyword, text: decode(bytes), source: `png:${type}` });
}
