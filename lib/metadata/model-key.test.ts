import { describe, expect, it } from "vitest";
import { modelKey, samplerKey } from "./model-key";

describe("modelKey", () => {
  it("is one key for one model however it is named", () => {
    for (const name of [
      "sdxl/waiIllustrious_v160.safetensors",
      "waiIllustrious_v160.safetensors",
      "waiIllustrious_v160",
      "WAIIllustrious_v160 [a5f58eb1c3]",
      "C:\\models\\waiIllustrious_v160.ckpt",
    ]) {
      expect(modelKey(name)).toBe("waiillustrious_v160");
    }
    expect(modelKey("")).toBeNull();
    expect(modelKey(null)).toBeNull();
  });
});

describe("samplerKey", () => {
  it("normalises writers' spellings and keeps the verbatim name elsewhere", () => {
    expect(samplerKey("euler_ancestral_karras")).toBe("euler_ancestral");
    expect(samplerKey("Euler a")).toBe("euler_ancestral");
    expect(samplerKey("DPM++ 2M Karras")).toBe("dpmpp_2m");
    expect(samplerKey("euler_simple")).toBe("euler");
    expect(samplerKey("uni_pc_bh2")).toBe("uni_pc_bh2");
  });
});
