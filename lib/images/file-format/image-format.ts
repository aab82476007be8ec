import { IMAGE_EXTENSIONS, type ImageContentType, type ImageExtension } from "./image-types";

export type ImageFormat = { ext: ImageExtension; contentType: ImageContentType };

const formatOf = (contentType: ImageContentType): ImageFormat => ({
  ext: IMAGE_EXTENSIONS[contentType][0],
  contentType,
});

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/** The format by magic bytes — never by file name or the client's Content-Type. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return formatOf("image/png");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return formatOf("image/jpeg");
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return formatOf("image/webp");
  }
  // ISO-BMFF: `ftyp` box whose major or compatible brands name AVIF.
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === "ftyp") {
    const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), bytes.length, 64);
    const brands = ascii(bytes, 8, boxSize);
    if (/avif|avis/.test(brands)) return formatOf("image/avif");
  }
  return null;
}
