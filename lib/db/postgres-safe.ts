/**
 * The one boundary between what a FILE embeds and a Postgres column. Postgres `text` and `jsonb` refuse
 * U+0000 ("unsupported Unicode escape sequence") and lone UTF-16 surrogates (invalid UTF-8 on the wire),
 * `integer` is 32-bit, and JSON has no NaN or Infinity. Embedded metadata is never a reason to refuse an
 * image, so each value is made storable and what changed is reported as a warning; the lossless raw
 * bytes are kept elsewhere (`raw_chunks`). Values a client *sent* are validated at the API instead.
 */

type PostgresWarning = { field: string; problem: string };
export type Sanitised<T> = { value: T; warnings: PostgresWarning[] };

/** Deeper JSON is cut: Postgres' jsonb input recurses per level, and no generator nests this deep. */
export const MAX_JSON_DEPTH = 64;
const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;
const NUL = /\0/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes U+0000 and replaces lone surrogates with U+FFFD. */
export function safeText(value: string, field: string): Sanitised<string> {
  const warnings: PostgresWarning[] = [];
  let text = value;
  if (text.includes("\0")) {
    text = text.replace(NUL, "");
    warnings.push({ field, problem: "NUL characters removed" });
  }
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(text)) {
    text = text.replace(LONE_SURROGATE, "\uFFFD");
    warnings.push({ field, problem: "lone surrogates replaced with U+FFFD" });
  }
  return { value: text, warnings };
}

/** An integer column: a non-integer, non-finite or out-of-range value (32-bit, and `min`) becomes null. */
export function safeInteger(
  value: number | null,
  field: string,
  options: { min?: number } = {},
): Sanitised<number | null> {
  if (value === null) return { value, warnings: [] };
  const min = Math.max(options.min ?? INT4_MIN, INT4_MIN);
  if (Number.isInteger(value) && value >= min && value <= INT4_MAX) return { value, warnings: [] };
  return { value: null, warnings: [{ field, problem: `${value} is outside ${min}..${INT4_MAX}; dropped` }] };
}

/** A double precision column: NaN and ±Infinity become null. */
export function safeDouble(value: number | null, field: string): Sanitised<number | null> {
  if (value === null || Number.isFinite(value)) return { value, warnings: [] };
  return { value: null, warnings: [{ field, problem: `${value} is not a finite number; dropped` }] };
}

/**
 * A jsonb value: strings and keys as in {@link safeText}, non-finite numbers and unsupported types
 * (functions, symbols, undefined in arrays) as null, bigints as decimal strings, nesting past
 * {@link MAX_JSON_DEPTH} as null. Iterative warnings are reported once per problem and field path.
 */
export function safeJson(value: unknown, field: string): Sanitised<unknown> {
  const warnings = new Map<string, PostgresWarning>();
  const warn = (path: string, problem: string) => {
    if (!warnings.has(problem)) warnings.set(problem, { field: path, problem });
  };
  const text = (input: string, path: string) => {
    const result = safeText(input, path);
    for (const warning of result.warnings) warn(warning.field, warning.problem);
    return result.value;
  };
  const visit = (node: unknown, path: string, depth: number): unknown => {
    if (node === null || typeof node === "boolean") return node;
    if (typeof node === "string") return text(node, path);
    if (typeof node === "number") {
      if (Number.isFinite(node)) return node;
      warn(path, "non-finite number replaced with null");
      return null;
    }
    if (typeof node === "bigint") return node.toString();
    if (typeof node !== "object") {
      warn(path, `${typeof node} replaced with null`);
      return null;
    }
    if (depth >= MAX_JSON_DEPTH) {
      warn(path, `nested deeper than ${MAX_JSON_DEPTH} levels; cut`);
      return null;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, `${path}[${index}]`, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      if (item === undefined) continue;
      result[text(key, `${path}.${key}`)] = visit(item, `${path}.${key}`, depth + 1);
    }
    return result;
  };
  const safe = visit(value, field, 0);
  return { value: safe, warnings: [...warnings.values()] };
}

/** Collects the warnings of several values bound for one row. */
export function createPostgresSanitiser() {
  const warnings: PostgresWarning[] = [];
  const take = <T>(result: Sanitised<T>): T => {
    warnings.push(...result.warnings);
    return result.value;
  };
  return {
    warnings,
    text: (value: string | null, field: string) => (value === null ? null : take(safeText(value, field))),
    json: <T>(value: T, field: string) => take(safeJson(value, field)) as T,
    integer: (value: number | null, field: string, options?: { min?: number }) =>
      take(safeInteger(value, field, options)),
    double: (value: number | null, field: string) => take(safeDouble(value, field)),
  };
}
