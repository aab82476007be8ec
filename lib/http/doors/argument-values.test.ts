import { describe, expect, it } from "vitest";
import { findNonPlainValue, findUnsettledArgumentValue } from "./argument-values";

// The values React's reply decoder makes of a body (`$@` a promise, `$R` a stream, `$i` an iterator, `$X` an object
// whose only key is Symbol.asyncIterator, `$Q` a Map, `$D` a Date, `$n` a BigInt…), built here directly: the
// decoder itself needs the react-server build of React, which e2e/hostile-doors.spec.ts drives on the real server.
const pending = new Promise(() => {});
const asyncIterable = { [Symbol.asyncIterator]: async function* () {} };
const deep = (levels: number, leaf: unknown) => {
  let value: unknown = leaf;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
};

describe("what a server action's arguments may hold", () => {
  it.each([
    ["a promise argument ($@)", [pending], "Promise"],
    ["a promise inside an object", [{ ids: ["a"], input: pending }], "Promise"],
    ["a promise in a Map ($Q)", [new Map([["k", pending]])], "Promise"],
    ["a promise as a Map key", [new Map([[pending, 1]])], "Promise"],
    ["a promise in a Set ($W)", [new Set([pending])], "Promise"],
    ["a promise 5,000 levels down", [deep(5000, pending)], "Promise"],
    ["a stream ($R)", [new ReadableStream()], "ReadableStream"],
    ["an iterator ($i)", [[1, 2][Symbol.iterator]()], "Array Iterator"],
    ["an async iterable ($X)", [asyncIterable], "function"],
    ["a function ($h)", [() => {}], "function"],
    ["a symbol ($S)", [Symbol.for("x")], "symbol"],
  ])("the guard refuses %s", (_, args, kind) => {
    expect(findUnsettledArgumentValue(args)).toBe(kind);
  });

  it("the guard lets every settled value through (a form's previous state round-trips as any of them)", () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared };
    cyclic.self = cyclic;
    const args = [
      null,
      undefined,
      "x",
      Number.NaN,
      10n,
      new Date(0),
      new Map([["k", [shared]]]),
      new Set([shared]),
      new Uint8Array(2),
      new ArrayBuffer(1),
      new Blob(["x"]),
      new FormData(),
      JSON.parse('{"then":"a string, not a function"}'),
      cyclic,
      deep(5000, "leaf"),
      Array(1_000_000).fill(0),
    ];
    expect(findUnsettledArgumentValue(args)).toBeNull();
  });

  it("plain data is JSON's values and undefined, at any depth", () => {
    expect(
      findNonPlainValue({ ids: ["a", "b"], score: 0.5, note: null, gone: undefined, on: true }),
    ).toBeNull();
    expect(findNonPlainValue(undefined)).toBeNull();
    expect(findNonPlainValue(deep(5000, { ok: 1 }))).toBeNull();
    expect(findNonPlainValue({ at: new Date(0) })).toBe("Date");
    expect(findNonPlainValue({ ids: new Set(["a"]) })).toBe("Set");
    expect(findNonPlainValue({ count: 1n })).toBe("bigint");
    expect(findNonPlainValue([{ file: new Blob(["x"]) }])).toBe("Blob");
    expect(findNonPlainValue({ form: new FormData() })).toBe("FormData");
    expect(findNonPlainValue(pending)).toBe("Promise");
  });
});
