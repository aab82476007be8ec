import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { ACTIONS, PAGES, ROUTES } from "./authorization-matrix";
import {
  actionBodies,
  type Door,
  type DoorCase,
  HOSTILE_HEADERS,
  HOSTILE_QUERIES,
  HOSTILE_SEGMENTS,
} from "./hostile-doors";
import { framingCases } from "./hostile-framing";
import { runHostileCases, summarise } from "./hostile-runner";
import { rawRequest, requestHead } from "./raw-http";
import { adminPage, createApiKeyViaUi, invitedUserPage } from "./support";

// Every door beyond the OpenAPI operations, against the real server, as raw requests: API paths as Next parses
// them, pages (and the cookie downloads beside them), server actions, and HTTP framing; each case without and
// with credentials. Never a 5xx, never a hang. The summary prints the cases per door for the closing note.
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "..");
const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
// Ends every session of its caller (signing out alone only drops the cookie, which raw requests keep sending): its
// cases with credentials carry another user's session, one at a time, and only the empty form its page posts may
// end it.
const ENDS_EVERY_SESSION = "signOutEverywhereAction";
// One body over the action limit, sent to every action (a buffer per case would hold hundreds of MB).
const OVER_THE_LIMIT = Buffer.alloc(6 * 1024 * 1024, 0x20);

const routeOf = (file: string) => path.dirname(file).replace(/^app/, "") || "/";
const withSample = (route: string) =>
  route.replace(/\[\.\.\.\w+\]/g, "session").replace(/\[\w+\]/g, SAMPLE_ID);
/** The route with each dynamic segment in turn replaced by `value`. */
const withHostile = (route: string, value: string) =>
  [...route.matchAll(/\[(?:\.\.\.)?\w+\]/g)].map((match) =>
    withSample(`${route.slice(0, match.index)}${value}${route.slice((match.index ?? 0) + match[0].length)}`),
  );

function apiPathCases(): DoorCase[] {
  const cases: DoorCase[] = [];
  for (const [file, methods] of Object.entries(ROUTES)) {
    const route = routeOf(file);
    for (const method of Object.keys(methods)) {
      for (const withCredentials of [false, true]) {
        const door: Door = route.startsWith("/api/") ? "api path" : "page";
        for (const value of HOSTILE_SEGMENTS)
          for (const target of withHostile(route, value))
            cases.push({ door, label: `${method} ${target.slice(0, 80)}`, method, target, withCredentials });
        for (const headers of HOSTILE_HEADERS.slice(0, 5))
          cases.push({
            door,
            label: `${method} ${withSample(route)} ${JSON.stringify(headers)}`,
            method,
            target: withSample(route),
            headers,
            withCredentials,
          });
      }
    }
  }
  return cases;
}

function pageCases(): DoorCase[] {
  const cases: DoorCase[] = [];
  for (const file of Object.keys(PAGES)) {
    const route = routeOf(file);
    const target = withSample(route);
    for (const withCredentials of [false, true]) {
      const add = (label: string, extra: Partial<DoorCase>) =>
        cases.push({ door: "page", label, method: "GET", target, withCredentials, ...extra });
      for (const value of HOSTILE_SEGMENTS)
        for (const hostile of withHostile(route, value))
          add(`GET ${hostile.slice(0, 80)}`, { target: hostile });
      for (const query of HOSTILE_QUERIES)
        add(`GET ${target}${query.slice(0, 40)}`, { target: `${target}${query}` });
      for (const headers of HOSTILE_HEADERS)
        add(`GET ${target} ${JSON.stringify(headers).slice(0, 60)}`, { headers });
      for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"])
        add(`${method} ${target}`, {
          method,
          headers: { "Content-Type": "text/plain" },
          body: Buffer.from("x"),
        });
      add(`POST ${target} text without an action`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: Buffer.from("{"),
      });
    }
  }
  return cases;
}

async function actionCases(origin: string): Promise<DoorCase[]> {
  const manifest = JSON.parse(
    await readFile(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };
  const known = new Set(
    Object.entries(ACTIONS).flatMap(([file, names]) => Object.keys(names).map((name) => `${file} ${name}`)),
  );
  const cases: DoorCase[] = [];
  for (const [id, action] of Object.entries(manifest.node)) {
    if (!known.has(`${action.filename} ${action.exportedName}`)) continue;
    const target = withSample(routeOf(`${Object.keys(action.workers)[0] ?? "app/page"}.tsx`));
    const post = (
      label: string,
      headers: Record<string, string>,
      body: Buffer,
      withCredentials: boolean,
      emptyForm = false,
    ) =>
      cases.push({
        door: "server action",
        label: `${action.exportedName}: ${label}`,
        method: "POST",
        target,
        headers,
        body,
        withCredentials,
        ...(withCredentials && action.exportedName === ENDS_EVERY_SESSION
          ? { endsSession: emptyForm ? "must" : "must not" }
          : {}),
      });
    for (const withCredentials of [false, true]) {
      for (const item of actionBodies(id))
        post(
          item.label,
          { ...(item.noActionHeader ? {} : { "Next-Action": id }), ...item.headers },
          item.body,
          withCredentials,
          item.emptyForm,
        );
      const plain = { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" };
      for (const origin_ of ["http://evil.example", "null", "::not a url::", `${origin}.evil.example`])
        post(`Origin ${origin_}`, { ...plain, Origin: origin_ }, Buffer.from("[]"), withCredentials);
      post("unknown action id", { ...plain, "Next-Action": "7f00" }, Buffer.from("[]"), withCredentials);
      post("body over the limit", plain, OVER_THE_LIMIT, withCredentials);
    }
  }
  return cases;
}

test("every door answers hostile requests with a success or a 4xx, never a 5xx or a hang", async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const baseURL = test.info().project.use.baseURL ?? "";
  const port = Number(new URL(baseURL).port);
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, "hostile-doors", ["ingest", "read", "critic", "admin"]);
  const cookieOf = async (page: Page) =>
    (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const cookie = await cookieOf(admin);
  const ownSessionCookie = await cookieOf(await invitedUserPage(admin, browser, "viewer"));

  const cases = [
    ...apiPathCases(),
    ...pageCases(),
    ...(await actionCases(new URL(baseURL).origin)),
    ...framingCases(`localhost:${port}`, { cookie }),
  ];
  const started = performance.now();
  const run = await runHostileCases(cases, { port, cookie, key, ownSessionCookie });
  const seconds = Math.round((performance.now() - started) / 1000);
  const summary = summarise(run);
  console.log(
    [`hostile doors: ${cases.length} cases in ${seconds} s`, ...summary, ...run.failures].join("\n"),
  );
  test.info().annotations.push({ type: "hostile doors", description: summary.join("; ") });
  expect(run.failures.slice(0, 40)).toEqual([]);
});

test("a page request whose body is over the action limit is refused before its body is read", async () => {
  const port = Number(new URL(test.info().project.use.baseURL ?? "").port);
  // 600 MB announced, sent in 64 KB chunks until the answer comes: the server answers 413 at once and closes.
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const chunks = (function* () {
    for (let sent = 0; sent < 600 * 1024 * 1024; sent += chunk.length) yield chunk;
  })();
  const declared = await rawRequest(
    port,
    requestHead("POST", "/upload", port, {
      "Next-Action": "7f00",
      "Content-Type": "multipart/form-data; boundary=x",
      "Content-Length": String(600 * 1024 * 1024),
    }),
    { body: chunks, ms: 60_000 },
  );
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body).error.code).toBe("payload_too_large");
  expect(declared.written).toBeLessThan(64 * 1024 * 1024);

  const chunked = await rawRequest(
    port,
    requestHead("POST", "/upload", port, {
      "Next-Action": "7f00",
      "Content-Type": "text/plain",
      "Transfer-Encoding": "chunked",
    }),
    {
      body: (function* () {
        for (let index = 0; index < 10_000; index += 1)
          yield Buffer.from(`10000\r\n${" ".repeat(0x10000)}\r\n`);
      })(),
      ms: 60_000,
    },
  );
  expect(chunked.status).toBe(411);
  expect(JSON.parse(chunked.body).error.code).toBe("length_required");
  expect(chunked.written).toBeLessThan(64 * 1024 * 1024);
});
