import { describe, expect, it } from "vitest";
import { describeDatasetFilter } from "./describe-dataset-filter";

describe("describeDatasetFilter", () => {
  it("reads a saved filter as words", () => {
    expect(describeDatasetFilter({})).toBe("All live images");
    expect(describeDatasetFilter({ status: "approved", tag: "portrait", model: "sdxl" })).toBe(
      "Approved images with tag “portrait”, model “sdxl”",
    );
    expect(describeDatasetFilter({ run: "sweep-3", future: 2 })).toBe(
      "All live images with run “sweep-3”, future “2”",
    );
    expect(describeDatasetFilter({ score_min: 4, q: "lighthouse", lora: "film" })).toBe(
      "All live images with prompt “lighthouse”, LoRA “film”, score at least “4”",
    );
  });
});
