import { z } from "zod";

// Postgres refuses U+0000 in text and jsonb, and a lone UTF-16 surrogate in jsonb (in text the driver would turn
// it into U+FFFD silently). What a client sends is refused with a message naming the field; what a file embeds is
// sanitised instead (lib/db/postgres-safe.ts), since a file's metadata is never a reason to refuse the image.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why Postgres would refuse this text, or null when it can be stored as is. */
function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(value)) return "must be valid Unicode (it holds a lone UTF-16 surrogate)";
  return null;
}

/** z.string() that Postgres can store; chain .trim(), .min(), .max() as usual. */
export function storableString() {
  return z.string().superRefine((value, context) => {
    const problem = textProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
}

export type JsonLimits = { maxDepth: number; maxNodes: number };
const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxNodes: 200_000 };

/**
 * A JSON object Postgres can store as jsonb: every key and string storable, nesting and size bounded (a deep
 * document would overflow recursive code further on). Walked iteratively, so depth itself cannot overflow here.
 */
export function storableJsonObject(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return z.record(z.string(), z.unknown()).superRefine((root, context) => {
    const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
    let nodes = 0;
    while (stack.length > 0) {
      const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
      if (++nodes > limits.maxNodes) {
        context.addIssue({ code: "custom", message: `holds more than ${limits.maxNodes} values` });
        return;
      }
      if (path.length > limits.maxDepth) {
        // Named at the field itself: the deep path would be a page long.
        context.addIssue({ code: "custom", message: `is nested deeper than ${limits.maxDepth} levels` });
        return;
      }
      if (typeof value === "string") {
        const problem = textProblem(value);
        if (problem) context.addIssue({ code: "custom", path, message: problem });
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
          stack.push({ value: item, path: [...path, index] });
        });
      } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
          const problem = textProblem(key);
          if (problem) context.addIssue({ code: "custom", path, message: `a key ${problem}` });
          stack.push({ value: item, path: [...path, key] });
        }
      }
    }
  });
}
