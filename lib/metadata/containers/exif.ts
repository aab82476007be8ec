import exifr from "exifr";
import { decodeUserComment, decodeUtf8OrLatin1 } from "../text-decoding";
import type { TextEntry } from "./text-entry";

export type ExifTexts = { entries: TextEntry[]; warnings: string[] };

/** IFD0 text tags generators write to. ComfyUI's animated WebP saver puts "prompt:{…}" in Model and "workflow:{…}" in Make. */
const IFD0_TEXT_TAGS: Record<number, string> = {
  270: "ImageDescription",
  271: "Make",
  272: "Model",
  305: "Software",
  315: "Artist",
};
const XP_COMMENT = 0x9c9c;
const USER_COMMENT = 0x9286;
const MAKER_NOTE = 0x927c;
const SOFTWARE = 305;
/** A maker note that is a short word, not a camera's binary block: Fooocus writes its metadata scheme there. */
const SCHEME_WORD = /^[a-z0-9_.-]{1,32}$/i;

/** Raw values (no translation or revival) so UserComment stays bytes; XMP stays the packet text. */
const EXIFR_OPTIONS: Parameters<typeof exifr.parse>[1] = {
  tiff: true,
  ifd0: {},
  exif: true,
  gps: false,
  interop: false,
  ifd1: false,
  xmp: { parse: false },
  iptc: false,
  icc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: true,
  multiSegment: true,
  translateKeys: false,
  translateValues: false,
  reviveValues: false,
  sanitize: false,
  mergeOutput: false,
};

/**
 * EXIF and XMP text via exifr. Accepts a whole JPEG/AVIF/HEIC file or a bare TIFF stream
 * (WebP EXIF chunk, PNG eXIf). Values stay raw bytes so UserComment's charset prefix survives.
 */
export async function readExifTexts(input: Uint8Array, source: string): Promise<ExifTexts> {
  const result: ExifTexts = { entries: [], warnings: [] };
  let output: Record<string, unknown> | undefined;
  try {
    output = await exifr.parse(stripExifHeader(input), EXIFR_OPTIONS);
  } catch (error) {
    result.warnings.push(
      `${source}: EXIF unreadable (${error instanceof Error ? error.message : String(error)})`,
    );
    return result;
  }
  if (!output) return result;
  const ifd0 = asTagMap(output.ifd0);
  for (const [tag, keyword] of Object.entries(IFD0_TEXT_TAGS)) {
    const text = toTagText(ifd0[tag]);
    if (text) result.entries.push({ keyword, text, source: `${source}:exif` });
  }
  const xpComment = ifd0[XP_COMMENT];
  if (xpComment instanceof Uint8Array) {
    const text = new TextDecoder("utf-16le").decode(xpComment).replace(/\0+$/, "");
    if (text) result.entries.push({ keyword: "XPComment", text, source: `${source}:exif` });
  }
  // Fooocus (Pillow `Image.Exif()`) writes UserComment and MakerNote into IFD0, plain ASCII, no charset.
  const userComment = readUserComment(asTagMap(output.exif)[USER_COMMENT] ?? ifd0[USER_COMMENT]);
  if (userComment)
    result.entries.push({ keyword: "UserComment", text: userComment, source: `${source}:exif` });
  const scheme = toTagText(ifd0[MAKER_NOTE]);
  if (scheme && SCHEME_WORD.test(scheme) && /Fooocus/i.test(toTagText(ifd0[SOFTWARE]) ?? "")) {
    result.entries.push({ keyword: "fooocus_scheme", text: scheme, source: `${source}:exif` });
  }
  if (typeof output.xmp === "string" && output.xmp.trim()) {
    result.entries.push({ keyword: "XMP", text: output.xmp, source: `${source}:xmp` });
  }
  if (Array.isArray(output.errors)) {
    for (const error of output.errors) result.warnings.push(`${source}: exifr: ${String(error)}`);
  }
  return result;
}

/** Some writers prefix the TIFF stream in a WebP EXIF chunk with JPEG's "Exif\0\0". */
function stripExifHeader(input: Uint8Array): Uint8Array {
  const hasHeader = input[0] === 0x45 && input[1] === 0x78 && input[2] === 0x69 && input[3] === 0x66;
  return hasHeader && input[4] === 0 && input[5] === 0 ? input.subarray(6) : input;
}

function readUserComment(value: unknown): string | null {
  const text =
    value instanceof Uint8Array ? decodeUserComment(value) : typeof value === "string" ? value : "";
  return text.trim() || null;
}

function asTagMap(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function toTagText(value: unknown): string | null {
  const text =
    value instanceof Uint8Array ? decodeUtf8OrLatin1(value) : typeof value === "string" ? value : null;
  const trimmed = text?.replace(/\0+$/, "").trim();
  return trimmed ? trimmed : null;
}
