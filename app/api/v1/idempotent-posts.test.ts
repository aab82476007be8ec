import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/http/openapi";

// /images/{id}/purge → app/api/v1/images/[id]/purge/route.ts
const routeFileOf = (openApiPath: string) =>
  path.join(import.meta.dirname, openApiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

describe("Idempotency-Key", () => {
  const document = buildOpenApiDocument("https://lightbox.example.com");
  const posts = Object.entries(document.paths).flatMap(([name, operations]) =>
    "post" in operations ? [name] : [],
  );

  it("is taken by every POST the API documents (apiRoute with `idempotent`)", async () => {
    expect(posts.length).toBeGreaterThanOrEqual(10);
    const routes = await Promise.all(
      posts.map(async (name) => {
        const module = (await import(routeFileOf(name))) as { POST?: { idempotent?: boolean } };
        return [name, module.POST?.idempotent] as const;
      }),
    );
    expect(Object.fromEntries(routes)).toEqual(Object.fromEntries(posts.map((name) => [name, true])));
  });
});
