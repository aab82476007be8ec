import { describe, expect, it } from "vitest";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/images/uploads/upload-limits";
import nextConfig from "./next.config";

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Next's size notation ("5mb", or a number of bytes; 1 MB when unset). */
function sizeInBytes(limit: string | number | undefined): number {
  if (typeof limit === "number") return limit;
  const match = (limit ?? "1mb").toLowerCase().match(/^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/);
  if (!match) throw new Error(`unreadable size ${limit}`);
  return Number(match[1]) * (UNITS[match[2] ?? "b"] ?? 1);
}

describe("next.config", () => {
  it("bounds server action bodies just above the largest file the upload action takes", () => {
    const limit = sizeInBytes(nextConfig.experimental?.serverActions?.bodySizeLimit);
    expect(limit).toBeGreaterThan(MAX_ACTION_UPLOAD_BYTES);
    expect(limit).toBeLessThanOrEqual(MAX_ACTION_UPLOAD_BYTES + 2 * 1024 * 1024);
  });
});
