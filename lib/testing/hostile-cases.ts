// Hostile request bodies and path parameters for one operation of the OpenAPI document: every field (nested
// one level) replaced by every class of hostile value, required fields dropped, extra fields, wrong top-level
// shapes, broken JSON. Deterministic for a given PRNG.
import {
  DEEP_JSON_TEXT,
  HOSTILE_CLASSES,
  type HostileClass,
  hostileValue,
  type JsonSchema,
  pick,
  type Random,
  sampleValue,
} from "./hostile-values";

export type CaseClass = HostileClass | "valid" | "missing" | "extra-field" | "shape" | "broken-json";
/** `body` is JSON to stringify, or `raw` text sent as is. */
type HostileCase = { kind: CaseClass; label: string; body?: unknown; raw?: string };

type Field = { path: string[]; schema: JsonSchema };

/** Fields of an object schema and of its object / array-of-object properties, union branches merged. */
function fieldsOf(schema: JsonSchema, prefix: string[] = [], depth = 0): Field[] {
  const properties = Object.assign(
    {},
    ...(schema.anyOf ?? [schema]).map((branch) => branch.properties ?? {}),
  );
  return Object.entries(properties as Record<string, JsonSchema>).flatMap(([name, property]) => {
    const path = [...prefix, name];
    const nested = property.items?.properties ? property.items : property.properties ? property : null;
    const inner =
      nested && depth < 1 ? fieldsOf(nested, property.items ? [...path, "0"] : path, depth + 1) : [];
    return [{ path, schema: property }, ...inner];
  });
}

function withField(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let cursor: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((segment, index) => {
    const next = cursor[segment];
    if (typeof next !== "object" || next === null)
      cursor[segment] = /^\d+$/.test(path[index + 1] ?? "") ? [] : {};
    cursor = cursor[segment] as Record<string, unknown>;
  });
  cursor[path[path.length - 1] ?? ""] = value;
  return copy;
}

/** `perField` values of each hostile class for each field, plus the body-level cases. */
export function hostileBodies(schema: JsonSchema, random: Random, perField = 2): HostileCase[] {
  const cases: HostileCase[] = [];
  const base = () => sampleValue(schema, random);
  for (let count = 0; count < 3; count += 1)
    cases.push({ kind: "valid", label: "valid sample", body: base() });
  for (const field of fieldsOf(schema)) {
    for (const kind of HOSTILE_CLASSES) {
      for (let count = 0; count < perField; count += 1) {
        const value = hostileValue(field.schema, random, kind);
        cases.push({
          kind,
          label: `${field.path.join(".")} = ${kind}`,
          body: withField(base(), field.path, value),
        });
      }
    }
  }
  const branches = schema.anyOf ?? [schema];
  for (const branch of branches) {
    for (const name of branch.required ?? []) {
      const body = sampleValue(branch, random) as Record<string, unknown>;
      delete body[name];
      cases.push({ kind: "missing", label: `without ${name}`, body });
    }
  }
  cases.push(
    {
      kind: "extra-field",
      label: "unknown field",
      body: { ...(base() as object), __proto__x: 1, admin: true },
    },
    { kind: "extra-field", label: "__proto__ key", raw: `{"__proto__":{"polluted":1}}` },
    { kind: "extra-field", label: "constructor key", body: { constructor: { prototype: { x: 1 } } } },
  );
  for (const shape of [null, [], "text", 0, true, [base()]])
    cases.push({ kind: "shape", label: `body ${JSON.stringify(shape)?.slice(0, 20)}`, body: shape });
  cases.push({ kind: "deep-json", label: "body 5,000 levels deep", raw: DEEP_JSON_TEXT });
  for (const raw of ["", "{", "{'a':1}", "\u0000", "[".repeat(100_000), `{"a":"\\ud800"`, "\ufeff{}", "NaN"])
    cases.push({ kind: "broken-json", label: `raw ${JSON.stringify(raw.slice(0, 12))}`, raw });
  cases.push({
    kind: "huge",
    label: "8 MB body",
    body: { ...(base() as object), pad: "x".repeat(8_000_000) },
  });
  return cases;
}

/** Hostile values for one path parameter, `valid` being an existing resource's value. */
export function hostilePathValues(
  schema: JsonSchema,
  random: Random,
  valid: string,
): { kind: CaseClass; value: string }[] {
  const values: { kind: CaseClass; value: string }[] = [
    { kind: "valid", value: valid },
    { kind: "valid", value: String(sampleValue(schema, random)) },
    { kind: "boundary", value: "00000000-0000-0000-0000-000000000000" },
    { kind: "boundary", value: valid.toUpperCase() },
    { kind: "boundary", value: `${valid} ` },
    { kind: "boundary", value: "2147483648" },
    { kind: "boundary", value: "-1" },
    { kind: "boundary", value: "1e309" },
    { kind: "boundary", value: "0x10" },
    { kind: "wrong-type", value: "" },
    { kind: "wrong-type", value: "null" },
  ];
  for (const kind of ["nul", "surrogate", "huge", "traversal", "odd-text"] as const) {
    for (let count = 0; count < 3; count += 1)
      values.push({ kind, value: String(hostileValue({ type: "string" }, random, kind)) });
  }
  values.push({ kind: "traversal", value: `${valid}/../../../etc/passwd` });
  values.push({ kind: "traversal", value: pick(random, ["..", ".", "%2e%2e", "%00"]) });
  return values;
}
