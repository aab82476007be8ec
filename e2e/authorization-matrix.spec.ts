import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { ACTIONS, PAGES, ROUTES, type Role, type Scope } from "./authorization-matrix";
import { adminPage, createApiKeyViaUi, invitedUser, invitedUserPage, requirePasswordChange } from "./support";

test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "..");
const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

async function findFiles(name: string, directory = path.join(ROOT, "app")): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? findFiles(name, path.join(directory, entry.name))
        : entry.name === name
          ? [path.join(directory, entry.name)]
          : [],
    ),
  );
  return nested.flat().map((file) => path.relative(ROOT, file));
}

async function exportedNames(file: string): Promise<string[]> {
  const source = await readFile(path.join(ROOT, file), "utf8");
  const names = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)/g)].map(
    (match) => match[1] ?? "",
  );
  const destructured = [...source.matchAll(/export\s+const\s+\{([^}]+)\}/g)].flatMap((match) =>
    (match[1] ?? "").split(",").map((name) => name.trim()),
  );
  return [...names, ...destructured].filter(Boolean);
}

/** app/api/v1/images/[id]/route.ts → /api/v1/images/<uuid> */
function urlOf(file: string): string {
  const route = path.dirname(file).replace(/^app/, "") || "/";
  return route.replace(/\[\.\.\.\w+\]/g, "session").replace(/\[\w+\]/g, SAMPLE_ID);
}

// Review mode leases the first images of its view to whoever opens it; over the whole library the reviewer here
// would hold, for the lease's ten minutes, images that specs running beside this one posted for their own reviewers.
const PAGE_QUERY: Record<string, string> = {
  "app/review/page.tsx": "?model=authorization-matrix-holds-nothing",
};

test("every route handler, page and server action under app/ is in the authorization matrix", async () => {
  const routes = Object.fromEntries(
    await Promise.all(
      (await findFiles("route.ts")).map(async (file) => [
        file,
        (await exportedNames(file)).filter((name) => HTTP_METHODS.includes(name)).sort(),
      ]),
    ),
  );
  expect(routes).toEqual(
    Object.fromEntries(Object.entries(ROUTES).map(([file, methods]) => [file, Object.keys(methods).sort()])),
  );
  expect((await findFiles("page.tsx")).sort()).toEqual(Object.keys(PAGES).sort());
  const actions = Object.fromEntries(
    await Promise.all(
      (await findFiles("actions.ts")).map(async (file) => [file, (await exportedNames(file)).sort()]),
    ),
  );
  expect(actions).toEqual(
    Object.fromEntries(Object.entries(ACTIONS).map(([file, names]) => [file, Object.keys(names).sort()])),
  );
});

const LOWER_ROLE: Record<Role, Role | null> = { viewer: null, reviewer: "viewer", admin: "reviewer" };

test("each door answers anonymous → 401/redirect, wrong role or scope → 403, right one → allowed", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(240_000);
  const admin = await adminPage(browser);
  const keys = {} as Record<Scope, string>;
  for (const scope of ["ingest", "read", "critic", "admin"] as const)
    keys[scope] = await createApiKeyViaUi(admin, `matrix-${scope}`, [scope]);
  const people: Record<Role | "anonymous", APIRequestContext> = {
    anonymous: await playwright.request.newContext({ baseURL: test.info().project.use.baseURL }),
    viewer: (await invitedUserPage(admin, browser, "viewer")).context().request,
    reviewer: (await invitedUserPage(admin, browser, "reviewer")).context().request,
    admin: admin.context().request,
  };

  for (const [file, methods] of Object.entries(ROUTES)) {
    for (const [method, access] of Object.entries(methods)) {
      const url = urlOf(file);
      const call = (key?: string) =>
        people.anonymous.fetch(url, {
          method,
          headers: key ? { authorization: `Bearer ${key}` } : {},
          maxRedirects: 0,
          failOnStatusCode: false,
        });
      if ("scope" in access) {
        const anonymous = await call();
        expect(anonymous.status(), `${method} ${url} anonymous`).toBe(401);
        expect((await anonymous.json()).error.code).toBe("unauthorized");
        const wrongScope =
          (["read", "ingest", "critic"] as const).find((scope) => scope !== access.scope) ?? "read";
        expect((await call(keys[wrongScope])).status(), `${method} ${url} with ${wrongScope}`).toBe(403);
        expect([401, 403]).not.toContain((await call(keys[access.scope])).status());
        expect([401, 403]).not.toContain((await call(keys.admin)).status());
      } else if ("role" in access) {
        // Cookie-session routes (browser downloads): anonymous 401, lower role 403, cross-site 403.
        const asWho = (who: Role | "anonymous", headers: Record<string, string> = {}) =>
          people[who].fetch(url, { method, headers, maxRedirects: 0, failOnStatusCode: false });
        expect((await asWho("anonymous")).status(), `${method} ${url} anonymous`).toBe(401);
        const lower = LOWER_ROLE[access.role];
        if (lower) expect((await asWho(lower)).status(), `${method} ${url} as ${lower}`).toBe(403);
        expect([401, 403]).not.toContain((await asWho(access.role)).status());
        expect(
          (await asWho(access.role, { "Sec-Fetch-Site": "cross-site" })).status(),
          `${url} cross-site`,
        ).toBe(403);
      } else if (method === "GET") {
        expect([401, 403], `${method} ${url} is public`).not.toContain((await call()).status());
      }
    }
  }

  for (const [file, access] of Object.entries(PAGES)) {
    const url = urlOf(file) + (PAGE_QUERY[file] ?? "");
    const visit = (who: Role | "anonymous") =>
      people[who].get(url, { maxRedirects: 0, failOnStatusCode: false });
    if ("role" in access) {
      const anonymous = await visit("anonymous");
      expect(anonymous.status(), `${url} anonymous`).toBe(307);
      expect(anonymous.headers().location).toContain("/sign-in?next=");
      const lower = LOWER_ROLE[access.role];
      if (lower) expect((await visit(lower)).status(), `${url} as ${lower}`).toBe(403);
      expect([200, 404], `${url} as ${access.role}`).toContain((await visit(access.role)).status());
    } else {
      expect([200, 307], `${url} is ${Object.keys(access)[0]}`).toContain(
        (await visit("anonymous")).status(),
      );
    }
  }

  const manifest = JSON.parse(
    await readFile(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  for (const [file, actions] of Object.entries(ACTIONS)) {
    for (const [name, access] of Object.entries(actions)) {
      const entry = Object.entries(manifest.node).find(
        ([, action]) => action.filename === file && action.exportedName === name,
      );
      expect(entry, `${file} ${name} is built`).toBeDefined();
      if (!entry || !("role" in access)) continue;
      const [id, action] = entry;
      const pagePath = urlOf(`${Object.keys(action.workers)[0] ?? "app/page"}.tsx`);
      const invoke = async (who: Role | "anonymous") => {
        const response = await people[who].post(pagePath, {
          headers: {
            "Next-Action": id,
            "Content-Type": "text/plain;charset=UTF-8",
            Accept: "text/x-component",
          },
          data: "[]",
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        return response.text();
      };
      expect(await invoke("anonymous"), `${name} anonymous`).toContain('"code":"unauthorized"');
      const lower = LOWER_ROLE[access.role];
      if (lower) expect(await invoke(lower), `${name} as ${lower}`).toContain('"code":"forbidden"');
      const allowed = await invoke(access.role);
      expect(allowed, `${name} as ${access.role}`).not.toContain('"code":"unauthorized"');
      expect(allowed).not.toContain('"code":"forbidden"');
    }
  }
});

test("a user who must change the password gets through no session door but the password page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await adminPage(browser);
  const { page, email } = await invitedUser(admin, browser, "admin");
  await requirePasswordChange(email);
  const request = page.context().request;

  for (const [file, methods] of Object.entries(ROUTES)) {
    for (const [method, access] of Object.entries(methods)) {
      if (!("role" in access)) continue;
      const response = await request.fetch(urlOf(file), { method, maxRedirects: 0, failOnStatusCode: false });
      expect(response.status(), `${method} ${urlOf(file)}`).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "forbidden", message: "Change your password first" },
      });
    }
  }
  for (const [file, access] of Object.entries(PAGES)) {
    const response = await request.get(urlOf(file), { maxRedirects: 0, failOnStatusCode: false });
    if ("role" in access) {
      expect(response.status(), urlOf(file)).toBe(307);
      expect(response.headers().location).toMatch(/\/account\/password$/);
    } else if ("self" in access) {
      expect(response.status(), urlOf(file)).toBe(200);
    }
  }
});
