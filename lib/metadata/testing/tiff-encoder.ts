/** Test helper: a minimal TIFF/EXIF stream (TIFF 6.0 §2) with text tags in IFD0 and the Exif IFD. */

type TiffTag = { tag: number; type: "ascii" | "undefined" | "byte"; value: Uint8Array | string };

const TYPE_CODES = { byte: 1, ascii: 2, undefined: 7 } as const;
const EXIF_IFD_POINTER = 0x8769;

export type TiffOptions = { littleEndian?: boolean; ifd0?: TiffTag[]; exif?: TiffTag[] };

export function encodeTiff(options: TiffOptions): Uint8Array {
  const littleEndian = options.littleEndian ?? false;
  const ifd0 = [...(options.ifd0 ?? [])];
  const exif = options.exif ?? [];
  const ifd0Count = ifd0.length + (exif.length > 0 ? 1 : 0);
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const exifOffset = 8 + ifd0Size;
  const exifSize = exif.length > 0 ? 2 + exif.length * 12 + 4 : 0;
  let dataOffset = exifOffset + exifSize;

  const values = [...ifd0, ...exif].map((entry) => toBytes(entry.value, entry.type));
  const totalData = values.reduce(
    (sum, bytes) => sum + (bytes.length > 4 ? bytes.length + (bytes.length % 2) : 0),
    0,
  );
  const output = new Uint8Array(dataOffset + totalData);
  const view = new DataView(output.buffer);
  output.set(littleEndian ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8, littleEndian);

  let valueIndex = 0;
  const writeIfd = (at: number, tags: TiffTag[], extra?: { tag: number; offset: number }) => {
    const entries = tags.map((tag) => ({ tag, bytes: values[valueIndex++] ?? new Uint8Array() }));
    const count = entries.length + (extra ? 1 : 0);
    view.setUint16(at, count, littleEndian);
    const rows = [
      ...entries.map((entry) => ({ ...entry, pointer: undefined as number | undefined })),
      ...(extra
        ? [
            {
              tag: { tag: extra.tag, type: "byte" as const, value: "" },
              bytes: new Uint8Array(),
              pointer: extra.offset,
            },
          ]
        : []),
    ].sort((left, right) => left.tag.tag - right.tag.tag);
    rows.forEach((row, index) => {
      const entryAt = at + 2 + index * 12;
      view.setUint16(entryAt, row.tag.tag, littleEndian);
      if (row.pointer !== undefined) {
        view.setUint16(entryAt + 2, 4, littleEndian);
        view.setUint32(entryAt + 4, 1, littleEndian);
        view.setUint32(entryAt + 8, row.pointer, littleEndian);
        return;
      }
      view.setUint16(entryAt + 2, TYPE_CODES[row.tag.type], littleEndian);
      view.setUint32(entryAt + 4, row.bytes.length, littleEndian);
      if (row.bytes.length <= 4) {
        output.set(row.bytes, entryAt + 8);
      } else {
        view.setUint32(entryAt + 8, dataOffset, littleEndian);
        output.set(row.bytes, dataOffset);
        dataOffset += row.bytes.length + (row.bytes.length % 2);
      }
    });
    view.setUint32(at + 2 + count * 12, 0, littleEndian);
  };
  writeIfd(8, ifd0, exif.length > 0 ? { tag: EXIF_IFD_POINTER, offset: exifOffset } : undefined);
  if (exif.length > 0) writeIfd(exifOffset, exif);
  return output;
}

function toBytes(value: Uint8Array | string, type: TiffTag["type"]): Uint8Array {
  if (typeof value !== "string") return value;
  const encoded = new TextEncoder().encode(value);
  if (type !== "ascii") return encoded;
  const terminated = new Uint8Array(encoded.length + 1);
  terminated.set(encoded);
  return terminated;
}

/** UserComment payload: 8-byte charset prefix then the text in that charset. */
export function encodeUserComment(
  text: string,
  charset: "utf16be" | "utf16le" | "ascii" | "undefined" | "none",
) {
  const prefixes = {
    utf16be: "UNICODE\0",
    utf16le: "UNICODE\0",
    ascii: "ASCII\0\0\0",
    undefined: "\0".repeat(8),
    none: "",
  };
  const prefix = new TextEncoder().encode(prefixes[charset]);
  const body = charset.startsWith("utf16")
    ? encodeUtf16(text, charset === "utf16le")
    : new TextEncoder().encode(text);
  const output = new Uint8Array(prefix.length + body.length);
  output.set(prefix);
  output.set(body, prefix.length);
  return output;
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const output = new Uint8Array(text.length * 2);
  const view = new DataView(output.buffer);
  for (let index = 0; index < text.length; index += 1)
    view.setUint16(index * 2, text.charCodeAt(index), littleEndian);
  return output;
}
