import { describe, expect, it } from "vitest";
import { encodeUserComment } from "./testing/tiff-encoder";
import { decodeUserComment } from "./text-decoding";

describe("decodeUserComment", () => {
  const text = 'Steps: 20, "emoji" 🎨, 日本語';

  it.each(["utf16be", "utf16le", "ascii", "undefined", "none"] as const)(
    "decodes the %s charset",
    (charset) => {
      expect(decodeUserComment(encodeUserComment(text, charset))).toBe(text);
    },
  );

  it("honours a UTF-16 byte order mark and strips trailing NULs", () => {
    const body = encodeUserComment("\ufeffhi", "utf16le");
    expect(decodeUserComment(Uint8Array.from([...body, 0, 0]))).toBe("hi");
  });
});
