// Hostile input, driven by the served OpenAPI document: every operation gets schema-derived valid, boundary,
// wrong-type, NUL, lone-surrogate, huge, path-traversal and 5,000-deep values in every field, path parameter and
// query parameter, plus missing/extra fields, broken JSON and hostile credentials. Every answer must be a 2xx or a
// 4xx with the error shape (never a 5xx or a hang), and a refused request must store nothing.
// Reproduce a run with FUZZ_SEED=<seed printed below>.
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { createSeededRandom } from "@/lib/metadata/testing/seeded-random";
import { type CaseClass, hostileBodies, hostilePathValues } from "@/lib/testing/hostile-cases";
import {
  countRows,
  doctorFailures,
  type Failure,
  type HostileRequest,
  judge,
  type RouteHandler,
  rowsGrew,
  sendHostile,
  summarise,
} from "@/lib/testing/hostile-driver";
import {
  HOSTILE_CLASSES,
  hostileValue,
  type JsonSchema,
  sampleValue,
  toJsonText,
} from "@/lib/testing/hostile-values";
import { retainedHeapMb } from "@/lib/testing/retained-heap";
import { createTestContext } from "@/lib/testing/test-context";
import { createHostileFixtures } from "./hostile-fixtures";

const SEED = Number(process.env.FUZZ_SEED || 20_261_129);
const TIMEOUT_MS = 15_000;
// Hostile values per JSON field and query parameter and class: one in the suite, so every class reaches every
// field (the ingest door's multipart metadata keeps two); FUZZ_PER_FIELD=3 for a deeper run.
const PER_FIELD = Math.max(1, Number(process.env.FUZZ_PER_FIELD || 1));
const context = await createTestContext();
const key = (
  await createApiKey(context.db, { name: "hostile", scopes: ["ingest", "read", "critic", "admin"] })
).key;
const fixtures = await createHostileFixtures(context, key);
const { GET: openApi } = await import("./openapi.json/route");
type Operation = {
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
const document = (await openApi().json()) as { paths: Record<string, Record<string, Operation>> };
const heapAtStart = retainedHeapMb();
const rssAtStart = process.memoryUsage().rss / 2 ** 20;
console.log(`hostile input: FUZZ_SEED=${SEED}`);

type Case = { kind: CaseClass | "auth"; label: string; request: HostileRequest };
const hash = (text: string) =>
  [...text].reduce((sum, char) => (Math.imul(sum, 31) + char.charCodeAt(0)) | 0, 0);
// Lone surrogates cannot be percent-encoded. The URL is only what the handler's request reports; a path value
// reaches the handler raw through `params`.
const wellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
let totalCases = 0;

const json = (body: unknown, raw?: string) => ({
  headers: { "content-type": "application/json" },
  body: raw ?? toJsonText(body),
});

/** Every case of one operation, valid parameters resolved lazily (a success may consume a fixture). */
function casesOf(path: string, method: string, operation: Operation): (() => Promise<Case>)[] {
  const random = createSeededRandom(SEED ^ hash(`${method} ${path}`));
  const url = (params: Record<string, string>, query = "") =>
    `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? "")))}${query}`;
  const base =
    (kind: Case["kind"], label: string, extra: Partial<HostileRequest> = {}) =>
    async () => {
      const params = await fixtures.params(path, method);
      return { kind, label, request: { method: method.toUpperCase(), url: url(params), params, ...extra } };
    };
  const jsonSchema = operation.requestBody?.content["application/json"]?.schema;
  const multipartSchema = operation.requestBody?.content["multipart/form-data"]?.schema;
  const cases: (() => Promise<Case>)[] = [];
  const withKey = (headers: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...headers });
  const validBody = jsonSchema ? sampleValue(jsonSchema, random) : undefined;
  // The completion's metadata schema is POST /images' own, fuzzed there already.
  const perField = path.endsWith("/complete") ? 1 : PER_FIELD;

  if (jsonSchema) {
    for (const item of hostileBodies(jsonSchema, random, perField))
      cases.push(
        base(item.kind, item.label, { ...json(item.body, item.raw), headers: withKey(json(0).headers) }),
      );
  }
  if (multipartSchema?.properties?.metadata) {
    for (const item of hostileBodies(multipartSchema.properties.metadata, random)) {
      cases.push(async () => {
        const made = await base(item.kind, `metadata: ${item.label}`, { headers: withKey() })();
        return {
          ...made,
          request: { ...made.request, body: fixtures.form(item.raw ?? toJsonText(item.body)) },
        };
      });
    }
    for (const [kind, label, make] of fixtures.multipartCases(random)) {
      cases.push(async () => {
        const made = await base(kind, label)();
        const { body, headers } = await make();
        return { ...made, request: { ...made.request, body, headers: withKey(headers) } };
      });
    }
  }
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === "path") {
      for (const { kind, value } of hostilePathValues(
        parameter.schema,
        random,
        "00000000-0000-4000-8000-000000000000",
      ))
        cases.push(async () => {
          const made = await base(kind, `${parameter.name} = ${JSON.stringify(value.slice(0, 40))}`)();
          const params = { ...made.request.params, [parameter.name]: value };
          const body = validBody ? json(validBody) : {};
          return {
            ...made,
            request: { ...made.request, ...body, params, url: url(params), headers: withKey() },
          };
        });
    }
    if (parameter.in === "query") {
      const values = HOSTILE_CLASSES.flatMap((kind) =>
        Array.from({ length: PER_FIELD }, () => ({
          kind,
          value: `${parameter.name}=${encodeURIComponent(wellFormed(String(hostileValue(parameter.schema, random, kind))))}`,
        })),
      );
      for (const raw of ["%00", "%ED%A0%80", "%FF%FE", "%", "%%32%65", "a&x=1", "1&limit=0"])
        values.push({ kind: "odd-text", value: `${parameter.name}=${raw}` });
      for (const { kind, value } of values)
        cases.push(async () => {
          const made = await base(kind, `?${value.slice(0, 60)}`)();
          return {
            ...made,
            request: { ...made.request, url: `${made.request.url}?${value}`, headers: withKey() },
          };
        });
    }
  }
  for (const authorization of [
    "",
    "Bearer",
    `Bearer ${"a".repeat(100_000)}`,
    "Bearer lbx_../../etc_passwd",
    `Bearer ${key}x`,
    `Basic ${key}`,
  ])
    cases.push(base("auth", `authorization ${authorization.slice(0, 24)}`, { headers: { authorization } }));
  return cases;
}

const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

describe("hostile input on every /api/v1 operation", () => {
  it("has a route handler for every operation of the document", () => {
    const missing = operations.filter(({ path, method }) => !fixtures.handler(path, method));
    expect(missing.map(({ path, method }) => `${method} ${path}`)).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(18);
  });

  for (const { path, method, operation } of operations) {
    it(`${method.toUpperCase()} ${path}: every case answers 2xx or 4xx with the error shape, stores nothing when refused`, async () => {
      // Built here, not at collection, so no operation's cases (8 MB bodies among them) outlive its test.
      const all = casesOf(path, method, operation);
      const handler = fixtures.handler(path, method) as RouteHandler;
      const failures: Failure[] = [];
      const mutates = method !== "get";
      const operationName = `${method.toUpperCase()} ${path}`;
      for (const [index, make] of all.entries()) {
        const { kind, label, request } = await make();
        const before = mutates ? await countRows(context) : {};
        const answer = await sendHostile(handler, request, TIMEOUT_MS);
        const verdict = judge(answer);
        const where = { operation: operationName, kind, label: `#${index} ${label}`, seed: SEED };
        if (!verdict.ok) failures.push({ ...where, ...verdict });
        const after = mutates && answer.status >= 400 ? await countRows(context) : before;
        if (verdict.ok && rowsGrew(before, after)) {
          const message = `before ${JSON.stringify(before)} after ${JSON.stringify(after)}`;
          failures.push({
            ...where,
            ok: false,
            problem: "stored though refused",
            status: answer.status,
            code: "",
            message,
          });
        }
      }
      // Objects: once per operation, the doctor with no grace period finds any object no row names.
      if (mutates) failures.push(...(await doctorFailures(context, operationName, SEED)));
      totalCases += all.length;
      console.log(`${operationName}: ${all.length} cases`);
      if (failures.length > 0) console.log(summarise(failures).join("\n"));
      expect(summarise(failures)).toEqual([]);
    }, 120_000);
  }

  it("keeps the test process's memory bounded across the run", () => {
    console.log(`hostile input: ${totalCases} cases in all`);
    const heap = retainedHeapMb() - heapAtStart;
    const rss = process.memoryUsage().rss / 2 ** 20 - rssAtStart;
    console.log(`memory growth: retained heap ${heap.toFixed(0)} MB, rss ${rss.toFixed(0)} MB`);
    expect(heap).toBeLessThan(64);
    expect(rss).toBeLessThan(1_000);
  });
});
