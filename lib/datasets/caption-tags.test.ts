import { describe, expect, it } from "vitest";
import { applyTagOperation, captionTagOperationSchema, splitTags } from "./caption-tags";

const op = (value: unknown) => captionTagOperationSchema.parse(value);

describe("tag-style captions", () => {
  it("splits at commas and trims spaces, keeping order and duplicates", () => {
    expect(splitTags("1girl, solo,smile , , solo")).toEqual(["1girl", "solo", "smile", "solo"]);
  });

  it("adds a tag once, at the start or the end", () => {
    expect(applyTagOperation("a, b", op({ op: "add", tag: "c" }))).toBe("a, b, c");
    expect(applyTagOperation("a, b", op({ op: "add", tag: "c", position: "start" }))).toBe("c, a, b");
    expect(applyTagOperation("a, c", op({ op: "add", tag: "c" }))).toBeNull();
    expect(applyTagOperation("", op({ op: "add", tag: "c" }))).toBe("c");
  });

  it("removes every copy of a tag, and only whole tags", () => {
    expect(applyTagOperation("a, b, a", op({ op: "remove", tag: "a" }))).toBe("b");
    expect(applyTagOperation("a b, c", op({ op: "remove", tag: "a" }))).toBeNull();
  });

  it("renames in place, merging into a tag the caption already has", () => {
    expect(applyTagOperation("a, b, c", op({ op: "rename", tag: "b", to: "x" }))).toBe("a, x, c");
    expect(applyTagOperation("a, b, x", op({ op: "rename", tag: "b", to: "x" }))).toBe("a, x");
    expect(applyTagOperation("a, b", op({ op: "rename", tag: "b", to: "b" }))).toBeNull();
  });

  it("replaces one tag with several, none of them twice", () => {
    expect(
      applyTagOperation("1girl, smile", op({ op: "replace", tag: "1girl", with: ["woman", "solo"] })),
    ).toBe("woman, solo, smile");
    expect(
      applyTagOperation("1girl, solo", op({ op: "replace", tag: "1girl", with: ["woman", "solo"] })),
    ).toBe("woman, solo");
  });

  it("refuses a tag with a comma, an empty one, or one Postgres cannot store", () => {
    for (const tag of ["a, b", "  ", "a\u0000b"]) {
      expect(captionTagOperationSchema.safeParse({ op: "remove", tag }).success).toBe(false);
    }
  });
});
