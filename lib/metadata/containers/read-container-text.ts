import { decodeUtf8OrLatin1 } from "../text-decoding";
import type { Container } from "../types";
import { findAvifExifTiff } from "./avif-exif";
import { readExifTexts } from "./exif";
import { readPngChunks } from "./png-chunks";
import { readRawChunks } from "./read-raw-chunks";
import { type DecodedPixels, readStealthPngInfo } from "./stealth-pnginfo";
import type { TextEntry } from "./text-entry";
import { readWebpChunks } from "./webp-chunks";

export type ContainerText = { entries: TextEntry[]; stealthMode: string | null };

/**
 * Every text entry a container holds. Pixels are decoded only for a PNG with no text at all,
 * where A1111/NovelAI stealth metadata may sit in the low bits.
 */
export async function readContainerText(
  bytes: Uint8Array,
  container: Container,
  maxChunkBytes: number,
  warnings: string[],
  pixels?: DecodedPixels,
): Promise<ContainerText> {
  if (container === "png") {
    const png = readPngChunks(bytes, maxChunkBytes);
    warnings.push(...png.warnings);
    const entries = [...png.entries];
    if (png.exif) entries.push(...(await readExif(png.exif, "png", warnings)));
    if (entries.length > 0 || !png.header) return { entries, stealthMode: null };
    const stealth = await readStealthPngInfo(bytes, png.header, maxChunkBytes, pixels);
    warnings.push(...stealth.warnings);
    if (!stealth.payload) return { entries, stealthMode: null };
    return {
      entries: [{ keyword: "stealth", text: stealth.payload.text, source: "png:alpha" }],
      stealthMode: stealth.payload.mode,
    };
  }
  if (container === "webp") {
    const webp = readWebpChunks(bytes, maxChunkBytes);
    warnings.push(...webp.warnings);
    const exif = webp.exif ? await readExif(webp.exif, "webp", warnings) : [];
    return { entries: [...exif, ...webp.entries], stealthMode: null };
  }
  if (container === "jpeg") {
    const entries = await readExif(bytes, container, warnings);
    return { entries: [...entries, ...readJpegComments(bytes)], stealthMode: null };
  }
  if (container === "avif") {
    const tiff = findAvifExifTiff(bytes);
    return { entries: tiff ? await readExif(tiff, container, warnings) : [], stealthMode: null };
  }
  return { entries: [], stealthMode: null };
}

/** JPEG COM segments: some savers write their record there rather than in EXIF. */
function readJpegComments(bytes: Uint8Array): TextEntry[] {
  return readRawChunks(bytes, "jpeg")
    .filter((chunk) => chunk.type === "jpeg:COM")
    .map((chunk) => ({
      keyword: "Comment",
      text: decodeUtf8OrLatin1(chunk.data).replace(/\0+$/, ""),
      source: "jpeg:COM",
    }))
    .filter((entry) => entry.text.trim() !== "");
}

async function readExif(bytes: Uint8Array, source: string, warnings: string[]): Promise<TextEntry[]> {
  const exif = await readExifTexts(bytes, source);
  warnings.push(...exif.warnings);
  return exif.entries;
}
