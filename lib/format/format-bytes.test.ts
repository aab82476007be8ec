import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("counts in binary multiples with one decimal above bytes", () => {
    expect(formatBytes(300)).toBe("300 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1,024 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5 MB");
    expect(formatBytes(3.45 * 1024 ** 3)).toBe("3.5 GB");
  });

  it("keeps the sign of a difference", () => {
    expect(formatBytes(-2048)).toBe("-2 KB");
  });
});
