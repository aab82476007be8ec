import { describe, expect, it } from "vitest";
import { parseLenientJson } from "./lenient-json";

describe("parseLenientJson", () => {
  it("turns bare NaN and ±Infinity into null and long integers into strings, outside strings only", () => {
    const text =
      '{"a": NaN, "b": -Infinity, "c": [Infinity], "seed": 123456789012345678901, "s": "NaN 123456789012345678901", "f": 1.5e300, "n": -9007199254740993}';
    expect(parseLenientJson(text)).toEqual({
      ok: true,
      value: {
        a: null,
        b: null,
        c: [null],
        seed: "123456789012345678901",
        s: "NaN 123456789012345678901",
        f: 1.5e300,
        n: "-9007199254740993",
      },
    });
  });

  it("keeps safe integers as numbers and reports broken JSON", () => {
    expect(parseLenientJson('{"seed": 9007199254740991}')).toEqual({
      ok: true,
      value: { seed: 9007199254740991 },
    });
    expect(parseLenientJson('{"a": ')).toEqual({ ok: false, error: expect.any(String) });
  });
});
