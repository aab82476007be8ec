import { describe, expect, it } from "vitest";
import { MAX_CAPTION_CHARS } from "./caption-from-prompt";
import { type CaptionTemplate, captionTemplateSchema, expandTemplate } from "./caption-template";

const apply = (template: CaptionTemplate, caption: string, prompt: string | null = null) =>
  expandTemplate(template, { caption, prompt }).caption;
const trigger = { template: "{trigger}, {caption}", trigger: "lbxstyle" };

describe("caption templates", () => {
  it("prefixes a trigger word once: applying twice gives what applying once gives (issue 26, item 3)", () => {
    const once = apply(trigger, "a lighthouse at dusk, film grain");
    expect(once).toBe("lbxstyle, a lighthouse at dusk, film grain");
    expect(apply(trigger, once)).toBe(once);
  });

  it("moves a trigger tag the caption has elsewhere to the template's place instead of adding it again", () => {
    expect(apply(trigger, "a cat, lbxstyle, sitting")).toBe("lbxstyle, a cat, sitting");
  });

  it("leaves a caption whose text already names the trigger word, in any case", () => {
    const result = expandTemplate(trigger, { caption: "a photo of LBXstyle man", prompt: null });
    expect(result).toEqual({ caption: "a photo of LBXstyle man", triggerInside: true });
    // A word that only starts like the trigger is not the trigger.
    expect(apply(trigger, "lbxstyles of old")).toBe("lbxstyle, lbxstyles of old");
  });

  it("is idempotent for suffixes, glued text, prompts and empty captions", () => {
    const templates: CaptionTemplate[] = [
      { template: "{caption}, {trigger} style", trigger: "ohwx" },
      { template: "photo of {trigger} {caption}", trigger: "sks" },
      { template: "{trigger}_{caption}", trigger: "zz" },
      { template: "{prompt}, {caption}" },
      { template: "{caption}, {prompt}" },
      { template: "masterpiece, {caption}, best quality" },
      { template: "{prompt}" },
    ];
    const captions = [
      "",
      "a cat",
      "a cat, sitting",
      "ohwx style, a dog",
      "photo of sks dog",
      "x,y , z",
      "zz_a",
    ];
    for (const template of templates) {
      for (const caption of captions) {
        const once = apply(template, caption, "a red barn, <lora:x:1> snow");
        expect(
          apply(template, once, "a red barn, <lora:x:1> snow"),
          `${template.template} on "${caption}"`,
        ).toBe(once);
      }
    }
  });

  it("keeps a template that repeats {caption} within the caption cap", () => {
    const result = apply({ template: "{caption}".repeat(222) }, "a harbour at dusk");
    expect(result.length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
    expect(result.startsWith("a harbour at duska harbour at dusk")).toBe(true);
  });

  it("is idempotent on many generated captions (seeded)", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const words = ["lbxstyle", "a", "cat", "LBXSTYLE", ",", " ", "lbx", "style", "dusk,", "  ,,", "é", "😀"];
    for (let round = 0; round < 2000; round += 1) {
      const caption = Array.from({ length: Math.floor(random() * 8) }, () => words[Math.floor(random() * 12)])
        .join(random() < 0.5 ? " " : ", ")
        .trim();
      const once = apply(trigger, caption);
      expect(apply(trigger, once), `"${caption}"`).toBe(once);
      expect(once.match(/(?<![\p{L}\p{N}_])lbxstyle(?![\p{L}\p{N}_])/giu)?.length ?? 0).toBeLessThanOrEqual(
        Math.max(1, caption.match(/(?<![\p{L}\p{N}_])lbxstyle(?![\p{L}\p{N}_])/giu)?.length ?? 0),
      );
    }
  });

  it("refuses a template Postgres cannot store (U+0000, a lone surrogate) as bad input, not a 500", () => {
    for (const template of ["{caption}\u0000", "\uD800 {caption}"]) {
      expect(captionTemplateSchema.safeParse({ template }).success).toBe(false);
    }
  });
});
