import { describe, expect, it } from "vitest";
import { readGenerationExtras } from "./generation-extras";

describe("refiner and provenance as fields", () => {
  it("reads ComfyUI's refiner pass, A1111's Refiner, and nothing when there is none", () => {
    expect(
      readGenerationExtras({
        refiner: { model: "sd_xl_refiner_1.0.safetensors", startAtStep: 20, steps: 25 },
      }),
    ).toEqual({ refiner: "sd_xl_refiner_1.0.safetensors from step 20", provenance: null });
    expect(
      readGenerationExtras({ Refiner: "sd_xl_refiner_1.0 [7440042bbd]", "Refiner switch at": "0.8" }).refiner,
    ).toBe("sd_xl_refiner_1.0 [7440042bbd], switch at 0.8");
    expect(readGenerationExtras({ Sampler: "Euler" })).toEqual({ refiner: null, provenance: null });
  });

  it("says who signed C2PA credentials, with which tools, and whether they claim AI generation", () => {
    expect(
      readGenerationExtras({
        provenance: {
          standard: "c2pa",
          claimGenerator: "ChatGPT",
          tools: ["DALL·E"],
          digitalSourceType: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
          aiGenerated: true,
        },
      }).provenance,
    ).toBe("C2PA, AI-generated · signed by ChatGPT · tools: DALL·E · source: trainedAlgorithmicMedia");
  });
});
