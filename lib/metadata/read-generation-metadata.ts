import { readC2paProvenance } from "./containers/c2pa-manifest";
import { detectContainer } from "./containers/detect-container";
import { readContainerText } from "./containers/read-container-text";
import { readRawChunks } from "./containers/read-raw-chunks";
import type { DecodedPixels } from "./containers/stealth-pnginfo";
import type { TextEntry } from "./containers/text-entry";
import { applyCivitaiResources } from "./parsers/civitai-resources";
import { expandEntries } from "./parsers/expand-entries";
import { interpretEntries } from "./parsers/interpret-entries";
import type { RawChunk } from "./types";
import { type Container, emptyGenerationMetadata, type ParsedMetadata } from "./types";

/** Largest text (after inflating) read from one chunk; ComfyUI workflows reach a few MB. */
const DEFAULT_MAX_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Reads the generation settings embedded in a PNG, JPEG, WebP or AVIF file. Never throws:
 * anything unreadable becomes a warning, and every text entry found is returned raw.
 */
export async function readGenerationMetadata(
  bytes: Uint8Array,
  options?: {
    maxChunkBytes?: number;
    /** The file's own pixels, when the caller has decoded them anyway: stealth metadata is read from them. */
    pixels?: DecodedPixels;
  },
): Promise<ParsedMetadata> {
  const warnings: string[] = [];
  let container: Container = "unknown";
  let raw: Record<string, string> = {};
  let rawChunks: RawChunk[] = [];
  try {
    container = detectContainer(bytes);
    rawChunks = readRawChunks(bytes, container);
    const maxChunkBytes = options?.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
    const { entries, stealthMode } = await readContainerText(
      bytes,
      container,
      maxChunkBytes,
      warnings,
      options?.pixels,
    );
    raw = toRawRecord(entries);
    const expanded = expandEntries(entries, stealthMode);
    const { metadata, consumed } = interpretEntries(expanded, warnings);
    applyCivitaiResources(metadata);
    // C2PA content credentials (ChatGPT, Gemini, Adobe Firefly…) hold no parameters, only who made
    // the image with what; an AI claim is enough to say the image is generated ("other").
    const provenance = readC2paProvenance(rawChunks);
    if (provenance) metadata.params.provenance = provenance;
    if (provenance?.aiGenerated && metadata.generator === null) metadata.generator = "other";
    if (stealthMode) metadata.params.stealth = stealthMode;
    const otherText = Object.fromEntries(
      [...expanded].filter(([keyword]) => !consumed.includes(keyword) && keyword !== "stealth_mode"),
    );
    if (Object.keys(otherText).length > 0) metadata.params.otherText = otherText;
    return { metadata, raw, rawChunks, warnings, container };
  } catch (error) {
    warnings.push(`metadata unreadable: ${error instanceof Error ? error.message : String(error)}`);
    return { metadata: emptyGenerationMetadata(), raw, rawChunks, warnings, container };
  }
}

/** Repeated keywords (two tEXt "parameters", say) keep all texts: the later ones as "keyword#2", … */
function toRawRecord(entries: TextEntry[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const { keyword, text } of entries) {
    let key = keyword;
    for (let index = 2; key in raw; index += 1) key = `${keyword}#${index}`;
    raw[key] = text;
  }
  return raw;
}
