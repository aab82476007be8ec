import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exportKey, isStagingKey, originalKey, stagingKey, variantKey } from "./keys";

const sha = createHash("sha256").update("keys.test").digest("hex");

describe("object keys", () => {
  it("builds content-addressed keys for originals and variants", () => {
    expect(originalKey(sha, "png")).toBe(`originals/${sha.slice(0, 2)}/${sha}.png`);
    expect(variantKey(sha, "thumb")).toBe(`variants/${sha}/thumb.webp`);
    expect(exportKey(sha)).toBe(`exports/${sha}.zip`);
    expect(stagingKey("0f9c6a2e-5b1d-4c3e-9a8b-7d6e5f4a3b2c")).toBe(
      "staging/0f9c6a2e-5b1d-4c3e-9a8b-7d6e5f4a3b2c",
    );
  });

  it("throws on a sha256 that is not 64 lowercase hex characters", () => {
    expect(() => originalKey(sha.toUpperCase(), "png")).toThrow(/sha256/);
    expect(() => originalKey(sha.slice(1), "png")).toThrow(/sha256/);
    expect(() => variantKey(`${sha.slice(1)}g`, "thumb")).toThrow(/sha256/);
  });

  it("throws on extensions, variant names and upload ids that could escape their prefix", () => {
    expect(() => originalKey(sha, "../png")).toThrow(/extension/);
    expect(() => originalKey(sha, "")).toThrow(/extension/);
    expect(() => variantKey(sha, "thumb/../x")).toThrow(/variant/);
    expect(() => stagingKey("../originals/x")).toThrow(/upload id/);
    expect(() => stagingKey("short")).toThrow(/upload id/);
  });

  it("recognises staging keys and nothing else", () => {
    expect(isStagingKey(stagingKey("abcdefgh_12345678"))).toBe(true);
    expect(isStagingKey(originalKey(sha, "png"))).toBe(false);
    expect(isStagingKey("staging/")).toBe(false);
    expect(isStagingKey("staging/abcdefgh/nested")).toBe(false);
  });
});
