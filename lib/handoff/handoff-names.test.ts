import { describe, expect, it } from "vitest";
import { handoffPath, modelSlug, sidecarPath } from "./handoff-names";

const SHA = "0123456789abcdef".repeat(4);

describe("handoff names", () => {
  it("lays an image out by day and model, named by its time, model and sha256", () => {
    const at = new Date("2026-03-04T05:06:07.890Z");
    const path = handoffPath(
      { createdAt: at, model: "sdxl/Juggernaut XL v9.safetensors", sha256: SHA, ext: "png" },
      new Set(),
    );
    expect(path).toBe(
      "generations/2026-03-04/juggernaut-xl-v9/20260304_050607_juggernaut-xl-v9_01234567.png",
    );
    expect(sidecarPath(path)).toBe(
      "generations/2026-03-04/juggernaut-xl-v9/20260304_050607_juggernaut-xl-v9_01234567.json",
    );
  });

  it("makes every model name safe on Windows, macOS and Linux", () => {
    expect(modelSlug(null)).toBe("unknown-model");
    expect(modelSlug("")).toBe("unknown-model");
    expect(modelSlug("...")).toBe("unknown-model");
    expect(modelSlug("CON")).toBe("con_");
    expect(modelSlug("lpt1.v2")).toBe("lpt1.v2_");
    expect(modelSlug("com¹")).toBe("com1_");
    expect(modelSlug("Café Crème")).toBe("cafe-creme");
    expect(modelSlug("Cafe\u0301")).toBe(modelSlug("Caf\u00e9"));
    expect(modelSlug("模型 <v2>: a|b?*")).toBe("v2-a-b");
    expect(modelSlug("trailing dot. ")).toBe("trailing-dot");
    expect(modelSlug("a".repeat(300))).toHaveLength(48);
    expect(modelSlug("..\\..\\evil")).toBe("evil");
    for (const name of ["x\u0000y", "\ud800", "😀😀", "a/b/c"])
      expect(modelSlug(name)).toMatch(/^[a-z0-9._-]+$/);
  });

  it("keeps names unique when two images share time, model and sha256 prefix, as case-insensitive systems compare", () => {
    const taken = new Set<string>();
    const image = { createdAt: new Date("2026-01-01T00:00:00Z"), model: "M", sha256: SHA, ext: "png" };
    const first = handoffPath(image, taken);
    const second = handoffPath({ ...image, model: "m", ext: "webp" }, taken);
    const third = handoffPath(image, taken);
    expect(first).toMatch(/_01234567\.png$/);
    expect(second).toMatch(/_01234567-2\.webp$/);
    expect(third).toMatch(/_01234567-3\.png$/);
    expect(new Set([first, second, third].map((name) => sidecarPath(name).toLowerCase())).size).toBe(3);
  });
});
