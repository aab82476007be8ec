/** Coercions shared by the format parsers: writers store numbers as numbers, strings or "(w, h)" tuples. */

export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? tidy(value) : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? tidy(parsed) : null;
  }
  return null;
}

/**
 * ComfyUI's frontend steps float widgets in binary: a CFG of 2.3 is saved as 2.3000000000000003. Twelve
 * significant digits drop that noise and keep every value a person set; integers are left whole.
 */
function tidy(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(12));
}

export function toInteger(value: unknown): number | null {
  const parsed = toNumber(value);
  return parsed === null ? null : Math.trunc(parsed);
}

/** Seeds stay decimal strings because they exceed 2^53; lenient-json already keeps long ones as strings. */
export function toSeed(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value)).toString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && /^\s*-?\d{1,40}\s*$/.test(value)) return BigInt(value.trim()).toString();
  return null;
}

export function toText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "1024x768" or "(1024, 768)" -> [1024, 768]. */
export function parseSize(value: unknown): [number, number] | null {
  const text = toText(value);
  const match = text?.match(/(\d+)\s*[x×,*]\s*(\d+)/);
  if (!match) return null;
  return [Number(match[1]), Number(match[2])];
}

/** Drops null, undefined and empty strings so params only hold what the writer recorded. */
export function compactRecord(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && value !== undefined && value !== "") result[key] = value;
  }
  return result;
}
