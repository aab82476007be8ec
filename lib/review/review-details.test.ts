import { describe, expect, it } from "vitest";
import { diffReviewDetails, formatReviewDetail, type ReviewDetails } from "./review-details";

const base: ReviewDetails = {
  id: "a",
  prompt: "a lighthouse at dusk",
  promptTruncated: false,
  negativePrompt: null,
  model: "sdxl",
  seed: "1",
  sampler: "Euler a",
  scheduler: null,
  steps: 20,
  cfgScale: 7,
  loras: ["film:0.6"],
  width: 640,
  height: 480,
  refiner: null,
  provenance: null,
  critiques: [],
};

describe("diffReviewDetails", () => {
  it("names the fields a sweep changed, and nothing without a previous image", () => {
    expect(diffReviewDetails(null, base)).toEqual([]);
    expect(diffReviewDetails(base, { ...base, id: "b", seed: "2", cfgScale: 7.5, loras: [] })).toEqual([
      "seed",
      "cfgScale",
      "loras",
    ]);
  });

  it("ignores whitespace-only prompt differences", () => {
    expect(diffReviewDetails(base, { ...base, prompt: " a  lighthouse\nat dusk " })).toEqual([]);
  });

  it("prints absent values as a dash and sizes as width×height", () => {
    expect(formatReviewDetail(base, "negativePrompt")).toBe("—");
    expect(formatReviewDetail(base, "size")).toBe("640×480");
    expect(formatReviewDetail({ ...base, loras: [] }, "loras")).toBe("—");
  });
});
