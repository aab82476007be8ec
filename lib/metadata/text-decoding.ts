const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/**
 * PNG tEXt is Latin-1 by spec, but Stability Matrix, ComfyUI savers and others write UTF-8 into it.
 * Valid UTF-8 is taken as UTF-8 (pure ASCII reads the same either way); anything else as Latin-1.
 */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

export function decodeLatin1(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

const CHARSET_PREFIX_LENGTH = 8;

/**
 * EXIF UserComment starts with an 8-byte charset id (EXIF 2.3 §4.6.5): "ASCII\0\0\0", "UNICODE\0"
 * (UTF-16 in either byte order in practice: A1111 writes big-endian, SwarmUI little-endian),
 * "JIS\0\0\0\0\0" or eight NULs for undefined. Custom ComfyUI savers sometimes omit it entirely.
 */
export function decodeUserComment(bytes: Uint8Array): string {
  const prefix = latin1.decode(bytes.subarray(0, CHARSET_PREFIX_LENGTH));
  const body = bytes.subarray(CHARSET_PREFIX_LENGTH);
  if (prefix === "UNICODE\0") return stripNulls(decodeUtf16(body));
  if (prefix === "ASCII\0\0\0" || prefix === "\0\0\0\0\0\0\0\0") return stripNulls(decodeUtf8OrLatin1(body));
  if (prefix.startsWith("JIS\0")) return stripNulls(decodeUtf8OrLatin1(body));
  return stripNulls(decodeUtf8OrLatin1(bytes));
}

function decodeUtf16(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  return isLikelyBigEndian(bytes) ? utf16be.decode(bytes) : utf16le.decode(bytes);
}

/** Mostly-ASCII UTF-16 has its zero bytes first (big-endian) or second (little-endian) in each pair. */
function isLikelyBigEndian(bytes: Uint8Array): boolean {
  let evenZeros = 0;
  let oddZeros = 0;
  const sampleLength = Math.min(bytes.length, 512);
  for (let index = 0; index + 1 < sampleLength; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  return evenZeros >= oddZeros;
}

function stripNulls(text: string): string {
  return text.replace(/\0+$/, "");
}
