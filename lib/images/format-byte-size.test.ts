import { describe, expect, it } from "vitest";
import { formatByteSize } from "./format-byte-size";

describe("formatByteSize", () => {
  it("shows sizes under 1 MB in kB, larger ones in MB", () => {
    expect(formatByteSize(300)).toBe("1 kB");
    expect(formatByteSize(12_600)).toBe("12 kB");
    expect(formatByteSize(1024 * 1024 - 1)).toBe("1024 kB");
    expect(formatByteSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});
