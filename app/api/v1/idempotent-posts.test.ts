import { describe, expect, it } from "vitest";
import { openApiDocument } from "./api-routes";
import { loadRouteModule } from "./route-files";

describe("Idempotency-Key", () => {
  const document = openApiDocument("https://lightbox.example.com");
  const posts = Object.entries(document.paths).flatMap(([name, operations]) =>
    "post" in operations ? [name] : [],
  );

  it("is taken by every POST the API documents (apiRoute with `idempotent`)", async () => {
    expect(posts.length).toBeGreaterThanOrEqual(10);
    const routes = await Promise.all(
      posts.map(async (name) => {
        const module = (await loadRouteModule(name)) as { POST?: { idempotent?: boolean } };
        return [name, module.POST?.idempotent] as const;
      }),
    );
    expect(Object.fromEntries(routes)).toEqual(Object.fromEntries(posts.map((name) => [name, true])));
  });
});
