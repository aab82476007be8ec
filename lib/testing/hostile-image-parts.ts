// Building blocks of hostile image files: chunks and frame headers that lie about sizes, oversized EXIF segments,
// a TIFF whose IFD chain loops.
import { deflateSync } from "node:zlib";
import { crc32 } from "@/lib/metadata/containers/crc32";
import { encodeJpeg } from "@/lib/metadata/testing/jpeg-webp-encoder";
import { concatBytes } from "@/lib/metadata/testing/png-encoder";
import { encodeTiff } from "@/lib/metadata/testing/tiff-encoder";

const text = (value: string) => new TextEncoder().encode(value);

/** A PNG chunk with an explicit length field, which may lie about the data that follows. */
export function rawChunk(type: string, data: Uint8Array, declaredLength = data.length): Uint8Array {
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, declaredLength >>> 0);
  header.set(text(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes(header.subarray(4), data)));
  return concatBytes(header, data, crc);
}

/** A PNG declaring width × height over a tiny IDAT: the decoder must refuse by the header, not by allocating. */
export function pngDeclaring(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width >>> 0);
  view.setUint32(4, height >>> 0);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    rawChunk("IHDR", ihdr),
    rawChunk("IDAT", deflateSync(new Uint8Array(4096))),
    rawChunk("IEND", new Uint8Array()),
  );
}

/** A baseline JPEG whose SOF0 frame header is rewritten to declare width × height. */
export async function jpegDeclaring(width: number, height: number): Promise<Uint8Array> {
  const bytes = await encodeJpeg({});
  for (let offset = 2; offset < bytes.length - 9; offset += 1) {
    if (bytes[offset] === 0xff && (bytes[offset + 1] === 0xc0 || bytes[offset + 1] === 0xc2)) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      view.setUint16(offset + 5, height);
      view.setUint16(offset + 7, width);
      break;
    }
  }
  return bytes;
}

export function exifSegment(size: number): Uint8Array {
  const payload = concatBytes(
    text("Exif\u0000\u0000"),
    encodeTiff({ ifd0: [{ tag: 0x010e, type: "ascii", value: "A".repeat(size) }] }),
  );
  return concatBytes(
    Uint8Array.of(0xff, 0xe1, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff),
    payload,
  );
}

/** A big-endian TIFF whose IFD0 has one entry and names itself as the next IFD. */
export function loopingTiff(): Uint8Array {
  const bytes = new Uint8Array(8 + 2 + 12 + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(text("MM\u0000*"));
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, 0x010e);
  view.setUint16(12, 2);
  view.setUint32(14, 4);
  bytes.set(text("abc\u0000"), 18);
  view.setUint32(22, 8);
  return bytes;
}
