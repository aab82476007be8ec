import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { measureSharpness } from "./measure-sharpness";

const noise = () => sharp(randomBytes(256 * 256 * 3), { raw: { width: 256, height: 256, channels: 3 } });

describe("measureSharpness", () => {
  it("scores a detailed image above its blurred copy", async () => {
    const sharpPng = await noise().png().toBuffer();
    const blurred = await noise().blur(6).png().toBuffer();
    const crisp = await measureSharpness(sharpPng);
    const soft = await measureSharpness(blurred);
    expect(crisp.score).toBeGreaterThan(0.8);
    expect(crisp).toMatchObject({ decision: "approve", reasons: ["sharp"] });
    expect(soft.score).toBeLessThan(0.3);
    expect(soft).toMatchObject({ decision: "reject", reasons: ["blurry"] });
    expect(crisp.raw.laplacian_variance).toBeGreaterThan(soft.raw.laplacian_variance);
  });

  it("lowers the score for blown highlights", async () => {
    const white = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    const measure = await measureSharpness(white);
    expect(measure.raw.clipped_bright).toBe(1);
    expect(measure.score).toBe(0);
    expect(measure.reasons).toEqual(["blurry", "overexposed"]);
  });
});
