import { describe, expect, it } from "vitest";
import { captionFromPrompt, tidyCaption } from "./caption-from-prompt";

describe("captionFromPrompt", () => {
  it("strips LoRA/LyCORIS tags and tidies whitespace and commas", () => {
    expect(captionFromPrompt("a lighthouse at dusk, <lora:film_grain:0.7>")).toBe("a lighthouse at dusk");
    expect(captionFromPrompt("<LoRA:x:1> portrait,  <lyco:y:0.5>,\n soft light ,, bokeh ")).toBe(
      "portrait, soft light, bokeh",
    );
    expect(captionFromPrompt(null)).toBe("");
  });

  it("tidies a template result with an empty caption", () => {
    expect(tidyCaption("ohwx,  ")).toBe("ohwx");
  });
});
