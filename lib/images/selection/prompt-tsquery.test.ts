import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";
import { promptTsQuery } from "./prompt-tsquery";

const { db } = await createTestContext();

/** Whether Postgres finds `search` in a prompt indexed as images.prompt_search indexes it. */
async function finds(prompt: string, search: string): Promise<boolean> {
  const query = promptTsQuery(search);
  if (query === null) throw new Error(`nothing searchable in ${search}`);
  const [row] = await db.execute<{ hit: boolean }>(
    sql`select to_tsvector('simple', ${prompt}) @@ to_tsquery('simple', ${query}) as hit`,
  );
  return row?.hit ?? false;
}

describe("promptTsQuery", () => {
  it("matches every word by prefix, AND-ed", async () => {
    expect(promptTsQuery("light house")).toBe("'light':* & 'house':*");
    expect(await finds("a lighthouse at dusk", "light")).toBe(true);
    expect(await finds("a lighthouse at dusk", "LIGHT du")).toBe(true);
    expect(await finds("a lighthouse at dusk", "light fog")).toBe(false);
  });

  it("excludes whole words, keeps phrases in order, and reads `or`", async () => {
    expect(await finds("a lighthouse at dusk", "lighthouse -dusk")).toBe(false);
    expect(await finds("a lighthouse at duskier hour", "lighthouse -dusk")).toBe(true);
    expect(await finds("a lighthouse at dusk", '"at dusk"')).toBe(true);
    expect(await finds("a lighthouse at dusk", '"dusk at"')).toBe(false);
    expect(await finds("a forest in fog", "lighthouse or forest")).toBe(true);
    expect(promptTsQuery("a or b c")).toBe("('a':* | 'b':*) & 'c':*");
  });

  it("splits words as the prompt was indexed (sci-fi, v1.5, film_grain)", async () => {
    expect(await finds("a sci-fi city", "sci-fi")).toBe(true);
    expect(await finds("a sci-fi city", "sci")).toBe(true);
    expect(await finds("model v1.5 render", "v1.5")).toBe(true);
    expect(await finds("film_grain style", "film_grain")).toBe(true);
    expect(await finds("film_grain style", "film gr")).toBe(true);
  });

  it("never lets what the user types reach tsquery syntax", async () => {
    for (const hostile of [
      "'",
      "a'b",
      "a:*b",
      "x & | ! ( ) <-> \\",
      "ä'; drop table images; --",
      '"unclosed',
    ]) {
      const query = promptTsQuery(hostile);
      if (query !== null) await finds("anything at all", hostile);
    }
    expect(promptTsQuery("!!! ---")).toBeNull();
    expect(promptTsQuery("   ")).toBeNull();
  });
});
