import sharp from "sharp";
import { decodeUtf8 } from "../text-decoding";
import { inflateBounded } from "./inflate-bounded";

type StealthPayload = { mode: string; text: string };
/** 8-bit pixels, row-major, `channels` per pixel (alpha last): what sharp's raw output gives. */
export type DecodedPixels = { data: Uint8Array; width: number; height: number; channels: number };
export type StealthResult = { payload: StealthPayload | null; warnings: string[] };

/** Decoding pixels is the expensive path; refuse images larger than this (4096 x 4096). */
const MAX_STEALTH_PIXELS = 4096 * 4096;
const SIGNATURE_BITS = 15 * 8;
const LENGTH_BITS = 32;

/**
 * A1111's stealth-pnginfo extension and NovelAI hide metadata in the least significant bits of
 * the alpha channel ("stealth_pnginfo" plain, "stealth_pngcomp" gzip) or of RGB ("stealth_rgbinfo",
 * "stealth_rgbcomp"), read column by column: a 15-byte signature, a 32-bit bit count, the payload.
 */
export async function readStealthPngInfo(
  bytes: Uint8Array,
  size: { width: number; height: number },
  maxBytes: number,
  decoded?: DecodedPixels,
): Promise<StealthResult> {
  if (size.width * size.height > MAX_STEALTH_PIXELS || size.width === 0 || size.height === 0) {
    return { payload: null, warnings: [] };
  }
  // Pixels the caller decoded anyway (ingest makes its variants from them) serve when they are the file's own.
  if (decoded && decoded.width === size.width && decoded.height === size.height) {
    return readFromPixels(decoded, maxBytes);
  }
  // The signature sits in the first column's top pixels (120 alpha bits, or 40 RGB pixels): decoding that strip
  // first keeps plain images (the common case) from paying for a full decode.
  if (!(await hasStealthSignature(bytes, size))) return { payload: null, warnings: [] };
  let pixels: DecodedPixels;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_STEALTH_PIXELS })
      .raw()
      .toBuffer({ resolveWithObject: true });
    pixels = { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    return { payload: null, warnings: [`stealth: pixels unreadable (${(error as Error).message})`] };
  }
  return readFromPixels(pixels, maxBytes);
}

function readFromPixels(pixels: DecodedPixels, maxBytes: number): StealthResult {
  for (const channelMode of listChannelModes(pixels.channels)) {
    const reader = createBitReader(pixels, channelMode);
    const signature = decodeUtf8(reader.readBytes(0, SIGNATURE_BITS / 8));
    const match = /^stealth_(png|rgb)(info|comp)$/.exec(signature);
    if (!match || (match[1] === "png") !== (channelMode === "alpha")) continue;
    const bitCount = reader.readUint32(SIGNATURE_BITS);
    const byteCount = Math.floor(bitCount / 8);
    const available = Math.floor((reader.totalBits - SIGNATURE_BITS - LENGTH_BITS) / 8);
    if (byteCount > available || byteCount > maxBytes) {
      return { payload: null, warnings: [`stealth: ${signature} declares ${byteCount} bytes; not read`] };
    }
    const data = reader.readBytes(SIGNATURE_BITS + LENGTH_BITS, byteCount);
    if (match[2] === "info") return { payload: { mode: signature, text: decodeUtf8(data) }, warnings: [] };
    const inflated = inflateBounded(data, maxBytes, "gzip");
    if (!inflated.ok) return { payload: null, warnings: [`stealth: ${signature} payload ${inflated.error}`] };
    return { payload: { mode: signature, text: decodeUtf8(inflated.bytes) }, warnings: [] };
  }
  return { payload: null, warnings: [] };
}

async function hasStealthSignature(
  bytes: Uint8Array,
  size: { width: number; height: number },
): Promise<boolean> {
  try {
    // Column-major: a short image continues the signature in the next columns.
    const columns = Math.min(size.width, Math.ceil(SIGNATURE_BITS / size.height));
    const strip = { left: 0, top: 0, width: columns, height: Math.min(size.height, SIGNATURE_BITS) };
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_STEALTH_PIXELS, sequentialRead: true })
      .extract(strip)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const column = { data, width: info.width, height: info.height, channels: info.channels };
    return listChannelModes(info.channels).some((mode) => {
      const reader = createBitReader(column, mode);
      return /^stealth_(png|rgb)(info|comp)$/.test(decodeUtf8(reader.readBytes(0, SIGNATURE_BITS / 8)));
    });
  } catch {
    return false;
  }
}

/** Grey+alpha decodes to 2 channels, RGBA to 4; only those carry an alpha channel. */
function listChannelModes(channels: number): ("alpha" | "rgb")[] {
  if (channels === 4) return ["alpha", "rgb"];
  if (channels === 2) return ["alpha"];
  return channels === 3 ? ["rgb"] : [];
}

function createBitReader(pixels: DecodedPixels, mode: "alpha" | "rgb") {
  const bitsPerPixel = mode === "alpha" ? 1 : 3;
  const totalBits = pixels.width * pixels.height * bitsPerPixel;
  const readBit = (index: number): number => {
    const pixelIndex = Math.floor(index / bitsPerPixel);
    const x = Math.floor(pixelIndex / pixels.height);
    const y = pixelIndex % pixels.height;
    const channel = mode === "alpha" ? pixels.channels - 1 : index % bitsPerPixel;
    return (pixels.data[(y * pixels.width + x) * pixels.channels + channel] ?? 0) & 1;
  };
  const readBytes = (startBit: number, count: number): Uint8Array => {
    const output = new Uint8Array(Math.max(0, Math.min(count, Math.floor((totalBits - startBit) / 8))));
    for (let byte = 0; byte < output.length; byte += 1) {
      let value = 0;
      for (let bit = 0; bit < 8; bit += 1) value = (value << 1) | readBit(startBit + byte * 8 + bit);
      output[byte] = value;
    }
    return output;
  };
  const readUint32 = (startBit: number): number => {
    let value = 0;
    for (let bit = 0; bit < LENGTH_BITS; bit += 1) value = value * 2 + readBit(startBit + bit);
    return value;
  };
  return { totalBits, readBytes, readUint32 };
}
