import { describe, expect, it } from "vitest";
import { disagreementCsvLine } from "@/lib/critics/list-disagreement-rows";
import { csvCell } from "./csv-cell";

describe("csvCell: every CSV cell this app writes", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", '"\'\r=1+1"'],
    ["\uFF1D1+1", "'\uFF1D1+1"],
    ["\uFF0BA1", "'\uFF0BA1"],
    ["\uFF0DA1", "'\uFF0DA1"],
    ["\uFF20A1", "'\uFF20A1"],
    ["\uFE66A1", "'\uFE66A1"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["plain, with comma", '"plain, with comma"'],
    ["a lighthouse", "a lighthouse"],
  ])("neutralises %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("keeps numbers as numbers and neutralises list cells as a whole", () => {
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(["=cmd|' /C calc'!A0", "sharp"])).toBe("'=cmd|' /C calc'!A0|sharp");
    expect(csvCell(["sharp", "=1+1"])).toBe("sharp|=1+1");
    expect(csvCell(["\uFF20x"])).toBe("'\uFF20x");
  });

  it("is what the disagreement export writes, critic and human reasons included", () => {
    const line = disagreementCsvLine({
      sha256: "a".repeat(64),
      object_key: "originals/aa/x.png",
      prompt: "\t=1+1",
      prompt_truncated: false,
      model: "+model",
      human_decision: "reject",
      human_reasons: ["@bad"],
      critic: "aesthetic",
      critic_version: "-1",
      critic_decision: "approve",
      score: 0.9,
      scale: "0-1",
      score_normalized: 0.9,
      critic_reasons: ["=HYPERLINK(1)", "\uFF1Dx"],
    });
    expect(line.split(",").map((cell) => cell.charAt(0))).toEqual([
      "a",
      "o",
      "'",
      "f",
      "'",
      "r",
      "'",
      "a",
      "'",
      "a",
      "0",
      "0",
      "0",
      "'",
    ]);
  });
});
