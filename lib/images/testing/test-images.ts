import { randomBytes } from "node:crypto";
import { crc32, createDeflate } from "node:zlib";
import sharp from "sharp";
import { concatBytes, insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";

/** A distinct noise PNG (unique bytes, so tests never collide on sha256) with an optional A1111 parameters chunk. */
export async function makeTestPng(
  options: { width?: number; height?: number; parameters?: string } = {},
): Promise<Uint8Array> {
  const width = options.width ?? 64;
  const height = options.height ?? 48;
  const png = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const bytes = new Uint8Array(png);
  return options.parameters ? insertPngChunks(bytes, [textChunk("parameters", options.parameters)]) : bytes;
}

export const A1111_PARAMETERS = [
  "a lighthouse at dusk, <lora:film_grain:0.7>",
  "Negative prompt: blurry, lowres",
  "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, Size: 64x48, Model hash: 45a21ea00a, Model: dreamshaper_8",
].join("\n");

function chunk(type: string, data: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint32(0, data.length);
  header.set(new TextEncoder().encode(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes(header.subarray(4), data)));
  return concatBytes(header, data, crc);
}

/**
 * A real decompression bomb: a valid 1-bit greyscale PNG of `edge`×`edge` pixels whose IDAT is a few hundred KB
 * but decodes to edge² pixels. Streamed through deflate so building it never holds the raw image.
 */
export async function makePngBomb(edge: number): Promise<Uint8Array> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, edge);
  view.setUint32(4, edge);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const row = new Uint8Array(1 + Math.ceil(edge / 8));
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  for (let y = 0; y < edge; y += 1) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(Buffer.concat(parts))),
    chunk("IEND", new Uint8Array()),
  );
}

/**
 * A PNG that is whole (every chunk present with a correct CRC) but whose image data is not a zlib stream: ingest
 * accepts it without decoding, and the worker's decode fails. What a generator's corrupt file looks like.
 */
export function makeUndecodablePng(edge = 32): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, edge);
  view.setUint32(4, edge);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(randomBytes(edge * 4))),
    chunk("IEND", new Uint8Array()),
  );
}
