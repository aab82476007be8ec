import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, safeDouble, safeInteger, safeJson, safeText } from "./postgres-safe";

describe("postgres-safe", () => {
  it("removes NUL and replaces lone surrogates in text, and says so", () => {
    expect(safeText("a\0b\0", "prompt")).toEqual({
      value: "ab",
      warnings: [{ field: "prompt", problem: "NUL characters removed" }],
    });
    expect(safeText("x\uD800y\uDC00 ok:\uD83D\uDE00", "model").value).toBe("x\uFFFDy\uFFFD ok:\uD83D\uDE00");
    expect(safeText("plain, trailing comma,", "prompt")).toEqual({
      value: "plain, trailing comma,",
      warnings: [],
    });
  });

  it("keeps integers in Postgres integer range and drops the rest with a warning", () => {
    expect(safeInteger(28, "steps", { min: 0 }).value).toBe(28);
    expect(safeInteger(99_999_999_999, "steps", { min: 0 })).toMatchObject({
      value: null,
      warnings: [{ field: "steps" }],
    });
    expect(safeInteger(-1, "steps", { min: 0 }).value).toBeNull();
    expect(safeInteger(2.5, "steps").value).toBeNull();
    expect(safeDouble(Number.POSITIVE_INFINITY, "cfg_scale").value).toBeNull();
    expect(safeDouble(7.5, "cfg_scale").value).toBe(7.5);
  });

  it("cleans jsonb keys and values recursively and cuts deep nesting", () => {
    const { value, warnings } = safeJson(
      { "k\0ey": ["v\0", Number.NaN, { deep: "\uDFFF" }], big: 2n ** 70n, gone: undefined },
      "params",
    );
    expect(value).toEqual({ key: ["v", null, { deep: "\uFFFD" }], big: "1180591620717411303424" });
    expect(warnings.map((warning) => warning.problem).sort()).toEqual([
      "NUL characters removed",
      "lone surrogates replaced with U+FFFD",
      "non-finite number replaced with null",
    ]);
    let nested: unknown = "leaf";
    for (let level = 0; level < 5_000; level += 1) nested = { n: nested };
    const cut = safeJson(nested, "params");
    expect(JSON.stringify(cut.value).split("{").length - 1).toBe(MAX_JSON_DEPTH);
    expect(cut.warnings[0]?.problem).toMatch(/nested deeper/);
  });
});
