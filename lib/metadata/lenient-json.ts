export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

const LARGEST_SAFE_DIGITS = 15;

/**
 * JSON.parse for what generators actually write: Python's json.dumps emits bare NaN and
 * Infinity (ComfyUI graphs hold them), and seeds exceed 2^53, which JSON.parse would round.
 * Outside strings, NaN/±Infinity become null and long integers become decimal strings.
 */
export function parseLenientJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(rewriteNonStandardTokens(text)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** True when the text looks like a JSON object or array (cheap test before parsing). */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === "{" || first === "[";
}

function rewriteNonStandardTokens(text: string): string {
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      index = skipString(text, index);
      continue;
    }
    const replacement = mayStartToken(char) ? readReplacement(text, index) : null;
    if (replacement) {
      pieces.push(text.slice(copiedUpTo, index), replacement.text);
      index += replacement.length;
      copiedUpTo = index;
      continue;
    }
    index += isNumberStart(char) ? numberLength(text, index) : 1;
  }
  if (copiedUpTo === 0) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join("");
}

function skipString(text: string, quoteIndex: number): number {
  let index = quoteIndex + 1;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x5c) index += 2;
    else if (char === 0x22) return index + 1;
    else index += 1;
  }
  return index;
}

function mayStartToken(char: number): boolean {
  return char === 0x4e || char === 0x49 || isNumberStart(char);
}

function isNumberStart(char: number): boolean {
  return char === 0x2d || (char >= 0x30 && char <= 0x39);
}

function numberLength(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && /[0-9.eE+-]/.test(text[index] ?? "")) index += 1;
  return index - start;
}

function readReplacement(text: string, index: number): { text: string; length: number } | null {
  for (const token of ["NaN", "Infinity", "-Infinity"]) {
    if (text.startsWith(token, index)) return { text: "null", length: token.length };
  }
  if (!isNumberStart(text.charCodeAt(index))) return null;
  const length = numberLength(text, index);
  const token = text.slice(index, index + length);
  const digits = token.startsWith("-") ? token.slice(1) : token;
  if (/^\d+$/.test(digits) && digits.length > LARGEST_SAFE_DIGITS && !Number.isSafeInteger(Number(token))) {
    return { text: `"${token}"`, length };
  }
  return null;
}
