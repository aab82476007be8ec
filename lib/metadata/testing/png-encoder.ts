import { deflateSync } from "node:zlib";
import { crc32 } from "../containers/crc32";

/** Test helper: writes PNG files chunk by chunk (PNG spec §5, §11.3.4) around real-looking payloads. */

export type PngChunk = { type: string; data: Uint8Array; crc?: number };

const encoder = new TextEncoder();
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const output = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}

/** tEXt with the text written as UTF-8, as most generators do despite the Latin-1 spec. */
export function textChunk(keyword: string, text: string): PngChunk {
  return { type: "tEXt", data: concatBytes(latin1(keyword), Uint8Array.of(0), encoder.encode(text)) };
}

export function compressedTextChunk(keyword: string, text: string | Uint8Array): PngChunk {
  const body = typeof text === "string" ? encoder.encode(text) : text;
  return { type: "zTXt", data: concatBytes(latin1(keyword), Uint8Array.of(0, 0), deflateSync(body)) };
}

export function internationalTextChunk(
  keyword: string,
  text: string,
  options: { compressed?: boolean; language?: string; translatedKeyword?: string } = {},
): PngChunk {
  const body = options.compressed ? deflateSync(encoder.encode(text)) : encoder.encode(text);
  const header = concatBytes(
    latin1(keyword),
    Uint8Array.of(0, options.compressed ? 1 : 0, 0),
    latin1(options.language ?? ""),
    Uint8Array.of(0),
    encoder.encode(options.translatedKeyword ?? ""),
    Uint8Array.of(0),
  );
  return { type: "iTXt", data: concatBytes(header, body) };
}

/** RGBA pixels, row-major; defaults to an opaque grey square. */
export type PngImage = { width: number; height: number; rgba?: Uint8Array };

export function encodePng(image: PngImage, chunks: PngChunk[] = []): Uint8Array {
  const { width, height } = image;
  const rgba = image.rgba ?? new Uint8Array(width * height * 4).fill(200);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y += 1)
    rows.push(Uint8Array.of(0), rgba.subarray(y * width * 4, (y + 1) * width * 4));
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    encodeChunk({ type: "IHDR", data: header }),
    ...chunks.map(encodeChunk),
    encodeChunk({ type: "IDAT", data: deflateSync(concatBytes(...rows)) }),
    encodeChunk({ type: "IEND", data: new Uint8Array() }),
  );
}

/** Adds chunks right after IHDR (signature 8 bytes + IHDR 25 bytes) of an existing PNG. */
export function insertPngChunks(png: Uint8Array, chunks: PngChunk[]): Uint8Array {
  const afterHeader = 8 + 25;
  return concatBytes(png.subarray(0, afterHeader), ...chunks.map(encodeChunk), png.subarray(afterHeader));
}

function encodeChunk(chunk: PngChunk): Uint8Array {
  const type = latin1(chunk.type);
  const output = new Uint8Array(12 + chunk.data.length);
  const view = new DataView(output.buffer);
  view.setUint32(0, chunk.data.length);
  output.set(type, 4);
  output.set(chunk.data, 8);
  view.setUint32(8 + chunk.data.length, chunk.crc ?? crc32(type, chunk.data));
  return output;
}
