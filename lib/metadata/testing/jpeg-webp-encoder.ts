import sharp from "sharp";
import { concatBytes } from "./png-encoder";
import { encodeTiff, encodeUserComment } from "./tiff-encoder";

/** Test helper: tiny real JPEG / WebP images from sharp with our own EXIF and XMP segments spliced in. */

const XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/\0";
const USER_COMMENT = 0x9286;

function tinyImage() {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 90, g: 140, b: 200 } } });
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const header = Uint8Array.of(0xff, marker, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff);
  return concatBytes(header, payload);
}

/** APP1 "Exif\0\0" + TIFF, and optionally an APP1 XMP packet, right after SOI. */
export async function encodeJpeg(segments: { tiff?: Uint8Array; xmp?: string }): Promise<Uint8Array> {
  const base = new Uint8Array(await tinyImage().jpeg().toBuffer());
  const inserted: Uint8Array[] = [];
  if (segments.tiff) inserted.push(jpegSegment(0xe1, concatBytes(latin1("Exif\0\0"), segments.tiff)));
  if (segments.xmp) {
    inserted.push(
      jpegSegment(0xe1, concatBytes(latin1(XMP_NAMESPACE), new TextEncoder().encode(segments.xmp))),
    );
  }
  return concatBytes(base.subarray(0, 2), ...inserted, base.subarray(2));
}

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  header.set(latin1(type));
  new DataView(header.buffer).setUint32(4, data.length, true);
  return concatBytes(header, data, data.length % 2 ? Uint8Array.of(0) : new Uint8Array());
}

/** Extended WebP (VP8X) with EXIF and XMP chunks after the image, as libwebp's webpmux writes them. */
export async function encodeWebp(segments: { exif?: Uint8Array; xmp?: string }): Promise<Uint8Array> {
  const base = new Uint8Array(await tinyImage().webp({ lossless: true }).toBuffer());
  const image = base.subarray(12);
  const features = new Uint8Array(10);
  features[0] = (segments.exif ? 0x08 : 0) | (segments.xmp ? 0x04 : 0);
  features.set([7, 0, 0, 7, 0, 0], 4);
  const body = concatBytes(
    latin1("WEBP"),
    riffChunk("VP8X", features),
    image,
    segments.exif ? riffChunk("EXIF", segments.exif) : new Uint8Array(),
    segments.xmp ? riffChunk("XMP ", new TextEncoder().encode(segments.xmp)) : new Uint8Array(),
  );
  const header = new Uint8Array(8);
  header.set(latin1("RIFF"));
  new DataView(header.buffer).setUint32(4, body.length, true);
  return concatBytes(header, body);
}

/** A JPEG whose Exif IFD holds only a UserComment in the given charset. */
export async function encodeJpegWithUserComment(
  text: string,
  charset: Parameters<typeof encodeUserComment>[1],
  littleEndian = false,
): Promise<Uint8Array> {
  const comment = encodeUserComment(text, charset);
  return encodeJpeg({
    tiff: encodeTiff({ littleEndian, exif: [{ tag: USER_COMMENT, type: "undefined", value: comment }] }),
  });
}
