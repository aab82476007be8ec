import { describe, expect, it } from "vitest";
import { diffCaptions } from "./caption-diff";

const show = (before: string, after: string) =>
  diffCaptions(before, after)
    .map((part) =>
      part.kind === "same" ? part.text : part.kind === "added" ? `+[${part.text}]` : `-[${part.text}]`,
    )
    .join(" ");

describe("diffCaptions", () => {
  it("marks a template's prefix as added and a renamed tag as removed and added", () => {
    expect(show("a harbour at dusk", "lbx, a harbour at dusk")).toBe("+[lbx,] a harbour at dusk");
    expect(show("1girl, solo, smile", "1girl, alone, smile")).toBe("1girl, -[solo] +[alone] , smile");
  });

  it("shows a large rewrite as removed then added instead of aligning it quadratically", () => {
    const before = Array.from({ length: 1000 }, (_, index) => `a${index}`).join(" ");
    const after = Array.from({ length: 1000 }, (_, index) => `b${index}`).join(" ");
    expect(diffCaptions(before, after).map((part) => part.kind)).toEqual(["removed", "added"]);
  });

  it("has nothing to mark when nothing changed, and everything when the caption was empty", () => {
    expect(diffCaptions("same text", "same text")).toEqual([{ text: "same text", kind: "same" }]);
    expect(diffCaptions("", "new, caption")).toEqual([{ text: "new, caption", kind: "added" }]);
  });
});
