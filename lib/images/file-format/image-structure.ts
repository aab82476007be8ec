import { crc32 } from "node:zlib";
import type { ImageFormat } from "./image-format";

/**
 * Whether the file is whole, by walking its container (no pixel is decoded): truncated uploads are the common
 * damage, and the full decode that would find them happens after the answer, in the worker. Returns what is
 * wrong, or null. The cost is one pass over the bytes (a native CRC for PNG, a marker search for JPEG).
 */
export function findStructureProblem(bytes: Uint8Array, format: ImageFormat): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format.ext === "png") return checkPng(bytes, view);
  if (format.ext === "jpg") return checkJpeg(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (format.ext === "webp") return checkWebp(view);
  return checkIsoBoxes(view);
}

/** Every chunk inside the file with a matching CRC, IHDR first, image data, and IEND. */
function checkPng(bytes: Uint8Array, view: DataView): string | null {
  let offset = 8;
  let hasData = false;
  for (let index = 0; offset + 12 <= bytes.length; index += 1) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return "a PNG chunk runs past the end of the file";
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (index === 0 && type !== "IHDR") return "the PNG does not start with its header chunk";
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== view.getUint32(end - 4))
      return `PNG chunk ${type} fails its CRC`;
    if (type === "IDAT") hasData = true;
    if (type === "IEND") return hasData ? null : "the PNG has no image data";
    offset = end;
  }
  return "the PNG has no end chunk";
}

/** Segments up to the first scan, then scans until the end-of-image marker. */
function checkJpeg(bytes: Buffer): string | null {
  let offset = 2;
  let inScan = false;
  while (offset < bytes.length) {
    if (inScan) {
      // Entropy-coded data: 0xFF is escaped (FF00) or a restart marker (FFD0-FFD7); anything else ends the scan.
      const next = bytes.indexOf(0xff, offset);
      if (next < 0 || next + 1 >= bytes.length) break;
      const code = bytes[next + 1] ?? 0;
      if (code === 0x00 || code === 0xff || (code >= 0xd0 && code <= 0xd7)) {
        offset = next + (code === 0xff ? 1 : 2);
        continue;
      }
      inScan = false;
      offset = next;
      continue;
    }
    if (bytes[offset] !== 0xff) return "a JPEG segment does not start with a marker";
    const code = bytes[offset + 1] ?? 0;
    if (code === 0xd9) return null;
    if (code === 0xff || (code >= 0xd0 && code <= 0xd7) || code === 0x01) {
      offset += code === 0xff ? 1 : 2;
      continue;
    }
    if (offset + 4 > bytes.length) break;
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length)
      return "a JPEG segment runs past the end of the file";
    offset += 2 + length;
    if (code === 0xda) inScan = true;
  }
  return "the JPEG has no end-of-image marker (cut short)";
}

/** The RIFF length covers the file, and every chunk inside it fits. */
function checkWebp(view: DataView): string | null {
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > view.byteLength) return "the WebP is shorter than its RIFF header says";
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const size = view.getUint32(offset + 4, true);
    offset += 8 + size + (size % 2);
    if (offset > riffEnd) return "a WebP chunk runs past the end of the file";
  }
  return null;
}

/** ISO-BMFF (AVIF): each top-level box fits in the file, the media data included. */
function checkIsoBoxes(view: DataView): string | null {
  let offset = 0;
  while (offset + 8 <= view.byteLength) {
    let size = view.getUint32(offset);
    if (size === 1) {
      if (offset + 16 > view.byteLength) return "an AVIF box header is cut short";
      size = Number(view.getBigUint64(offset + 8));
    } else if (size === 0) {
      return null;
    }
    if (size < 8) return "an AVIF box has an impossible size";
    if (offset + size > view.byteLength) return "an AVIF box runs past the end of the file";
    offset += size;
  }
  return offset === view.byteLength ? null : "the AVIF ends inside a box header";
}
