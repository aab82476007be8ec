// Values for hostile-input tests, derived from the JSON schemas of the OpenAPI document: a valid sample of a
// schema, and hostile replacements for any one field. Everything is drawn from a seeded PRNG so a failing case
// can be replayed from its seed.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

export type Random = () => number;

/** The classes of hostile value; each names one way a client can be wrong or malicious. */
export const HOSTILE_CLASSES = [
  "boundary",
  "wrong-type",
  "nul",
  "surrogate",
  "huge",
  "traversal",
  "deep-json",
  "odd-text",
] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

const DEPTH = 5_000;
const HUGE = 1_000_001;

// Neither side can JSON.stringify a value DEPTH levels deep (the stack overflows), so bodies carry this marker
// and toJsonText splices in the deep text.
const DEEP_MARKER = "@@deep-json@@";
/** JSON text DEPTH levels deep, objects and arrays alternating. */
export const DEEP_JSON_TEXT = `${'{"d":['.repeat(DEPTH / 2)}1${"]}".repeat(DEPTH / 2)}`;

/** The JSON text of a body, with every deep-JSON marker replaced by DEEP_JSON_TEXT. */
export function toJsonText(body: unknown): string {
  return JSON.stringify(body).replaceAll(`"${DEEP_MARKER}"`, DEEP_JSON_TEXT);
}

export const pick = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

const TRAVERSAL = [
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..%c0%af..%c0%afetc/passwd",
  "/etc/passwd",
  "originals/../staging/../../x",
  "....//....//etc/hosts",
  "file:///etc/passwd",
  "./.data/postgres/postmaster.pid",
];
const ODD_TEXT = [
  "",
  " ",
  "'; drop table images; --",
  "\u202egnp.exe",
  "\u200b\u200d\ufeff",
  "\u2028\u2029",
  "NaN",
  "-0",
  "1e999",
  "{{7*7}}#{7*7}",
  "<script>alert(1)</script>",
  "%s%n%x",
  "👩‍👩‍👧‍👦".repeat(50),
  "\u0001\u001f\u007f\u0085",
];

function hostileString(random: Random, kind: HostileClass): string {
  const word = pick(random, ["x", "prompt", "model"]);
  switch (kind) {
    case "nul":
      return pick(random, ["\u0000", `${word}\u0000`, `a\u0000b${word}`]);
    case "surrogate":
      return pick(random, ["\ud800", `${word}\udfff`, "\udc00\ud800", `x\ud83dy`]);
    case "huge":
      return pick(random, ["x".repeat(HUGE), "é".repeat(HUGE), "\u0000".repeat(10_000)]);
    case "traversal":
      return pick(random, TRAVERSAL);
    default:
      return pick(random, ODD_TEXT);
  }
}

/** A valid value of `schema` (best effort: the first fitting shape of unions, short strings, small numbers). */
export function sampleValue(schema: JsonSchema, random: Random): unknown {
  if (schema.anyOf) return sampleValue(pick(random, schema.anyOf), random);
  if (schema.enum) return pick(random, schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return sampleString(schema, random);
    case "integer":
    case "number": {
      const low = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      const value = low + Math.floor(random() * Math.min(1_000, (schema.maximum ?? low + 1_000) - low));
      return type === "number" && random() < 0.5 ? value + 0.5 : value;
    }
    case "boolean":
      return random() < 0.5;
    case "array": {
      const count = Math.max(schema.minItems ?? 0, Math.floor(random() * 3));
      return Array.from({ length: count }, () => sampleValue(schema.items ?? {}, random));
    }
    case "object":
      return sampleObject(schema, random);
    default:
      return "x";
  }
}

function sampleString(schema: JsonSchema, random: Random): string {
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");
  if (schema.format === "uuid") return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  if (schema.format === "date-time") return new Date(Math.floor(random() * 2e12)).toISOString();
  if (schema.pattern === "^\\d{1,20}$") return String(Math.floor(random() * 1e9));
  const length = Math.max(schema.minLength ?? 1, 1 + Math.floor(random() * 10));
  return Array.from({ length }, () => pick(random, [..."abcdefghij klmnop"])).join("");
}

function sampleObject(schema: JsonSchema, random: Random): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {})
    .filter(([name]) => required.has(name) || random() < 0.6)
    .map(([name, property]) => [name, sampleValue(property, random)]);
  if (typeof schema.additionalProperties === "object" && entries.length === 0)
    entries.push([`k${Math.floor(random() * 100)}`, pick(random, ["v", 1, true, null, { a: [1] }])]);
  return Object.fromEntries(entries);
}

/** A hostile replacement of a field whose schema is `schema`. */
export function hostileValue(schema: JsonSchema, random: Random, kind: HostileClass): unknown {
  if (kind === "deep-json") return DEEP_MARKER;
  if (kind === "wrong-type")
    return pick(random, [null, true, 0, -1, 1.5, "", "1", [], {}, { $ne: 1 }, [null], 2 ** 64]);
  if (kind === "boundary") return pick(random, boundaryValues(schema.anyOf?.[0] ?? schema));
  const isRecord = typeof schema.additionalProperties === "object";
  const text = hostileString(random, kind);
  if (isRecord) return pick(random, [{ [text]: "v" }, { k: text }, { k: { nested: [text] } }]);
  if (schema.type === "array") return [text];
  return text;
}

function boundaryValues(schema: JsonSchema): unknown[] {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "string") {
    const max = schema.maxLength ?? 10_000;
    const min = schema.minLength ?? 0;
    return ["x".repeat(max), "x".repeat(max + 1), "x".repeat(Math.max(0, min - 1)), "é".repeat(max + 1)];
  }
  if (type === "integer" || type === "number") {
    const low = schema.minimum ?? schema.exclusiveMinimum ?? 0;
    const high = schema.maximum ?? Number.MAX_SAFE_INTEGER;
    return [low, low - 1, high, high + 1, 2 ** 31, 2 ** 63, -(2 ** 63), 1e308, -0, 0.1, Number.MIN_VALUE];
  }
  if (type === "array") {
    const max = schema.maxItems ?? 10_000;
    return [[], Array.from({ length: max + 1 }, () => "x")];
  }
  return [
    {},
    { ["x".repeat(10_000)]: 1 },
    Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [i, i])),
  ];
}
