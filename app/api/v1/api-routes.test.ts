import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./api-routes";
import { loadRouteModule } from "./route-files";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
// Served beside the API but not part of it: the document itself.
const UNDOCUMENTED = ["/openapi.json"];

/** Every route.ts under app/api/v1, as its OpenAPI path (./images/[id]/route.ts → /images/{id}). */
async function routeFiles(): Promise<string[]> {
  const entries = await readdir(import.meta.dirname, { recursive: true });
  return entries
    .filter((entry) => path.basename(entry) === "route.ts")
    .map((entry) => `/${path.dirname(entry).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}"))
    .filter((route) => !UNDOCUMENTED.includes(route));
}

describe("the route list (api-routes.ts)", () => {
  it("names every route handler under app/api/v1, and only those", async () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual((await routeFiles()).sort());
  });

  it("describes exactly the methods each handler exports", async () => {
    const described = Object.entries(API_ROUTES).map(
      ([route, operations]) =>
        [
          route,
          Object.keys(operations)
            .map((method) => method.toUpperCase())
            .sort(),
        ] as const,
    );
    const exported = await Promise.all(
      Object.keys(API_ROUTES).map(async (route) => {
        const module = await loadRouteModule(route);
        return [route, METHODS.filter((method) => typeof module[method] === "function").sort()] as const;
      }),
    );
    expect(Object.fromEntries(described)).toEqual(Object.fromEntries(exported));
  });
});
