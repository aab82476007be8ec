import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson-interval";

describe("wilsonInterval", () => {
  // Hand-computed with z = 1.96 (the 95% quantile to 2 places) from
  // (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
  it("matches hand-computed intervals", () => {
    // 3/3: p = 1, z² = 3.8416: center = (1 + 0.64027)/2.28053 = 0.71926, half = 0.85946·sqrt(0.10671) = 0.28074.
    const three = wilsonInterval(3, 3, 1.96);
    expect(three?.low).toBeCloseTo(0.43849, 4);
    expect(three?.high).toBeCloseTo(1, 10);
    // 8/10: center = (0.8 + 0.19208)/1.38416 = 0.71674, half = 1.41602·sqrt(0.016 + 0.009604) = 0.22656.
    const ten = wilsonInterval(8, 10, 1.96);
    expect(ten?.low).toBeCloseTo(0.49016, 4);
    expect(ten?.high).toBeCloseTo(0.94332, 4);
    // 0/5: center = 0.38416/1.76832 = 0.21724 = half.
    const none = wilsonInterval(0, 5, 1.96);
    expect(none?.low).toBeCloseTo(0, 10);
    expect(none?.high).toBeCloseTo(0.43449, 4);
  });

  it("is null without trials and narrows as trials grow", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const small = wilsonInterval(3, 3);
    const large = wilsonInterval(90, 100);
    expect(small && large && small.low < large.low).toBe(true);
  });
});
