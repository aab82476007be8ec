import { z } from "zod";
import { storableString } from "@/lib/zod/storable";
import { captionFromPrompt, MAX_CAPTION_CHARS, tidyCaption } from "./caption-from-prompt";
import { joinTags, splitTags } from "./caption-tags";

const PLACEHOLDERS = ["caption", "prompt", "trigger"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{([a-z_]+)\}/g;
const MAX_TEMPLATE_CHARS = 2000;
const CAPTION = "{caption}";

/**
 * `{caption}` is the current caption, `{prompt}` the cleaned prompt, `{trigger}` the given trigger word:
 * `"{trigger}, {caption}"` prefixes every caption with a trigger word.
 */
export const captionTemplateSchema = z.object({
  template: storableString()
    .min(1)
    .max(MAX_TEMPLATE_CHARS)
    .refine(
      (template) =>
        [...template.matchAll(PLACEHOLDER)].every((match) =>
          (PLACEHOLDERS as readonly string[]).includes(match[1] ?? ""),
        ),
      `template may use only ${PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}`,
    ),
  trigger: storableString().trim().min(1).max(200).optional(),
});
export type CaptionTemplate = z.output<typeof captionTemplateSchema>;

export const usesPrompt = (template: CaptionTemplate) => template.template.includes("{prompt}");

type Values = { caption: string; prompt: string | null };
/** A template's result for one caption; `triggerInside`: left as it was, its text already names the trigger. */
export type Expansion = { caption: string; triggerInside: boolean };

/**
 * The caption a template makes. Applying a template to its own result gives that result again: the text the
 * template puts around `{caption}` is recognised at the caption's start and end and not added twice, a tag the
 * template adds that the caption already has elsewhere moves to the template's place, and a caption whose text
 * already names the trigger word (case aside, as CLIP reads it) is left as it is. A template that repeats
 * `{caption}` repeats the caption by definition, so it is not idempotent; every result is at most MAX_CAPTION_CHARS.
 */
export function expandTemplate(template: CaptionTemplate, values: Values): Expansion {
  const fill = filler(template, values);
  const at = template.template.indexOf(CAPTION);
  if (at < 0) return { caption: tidyCaption(fill(template.template, "")), triggerInside: false };
  const headText = fill(template.template.slice(0, at), "");
  const tailTemplate = template.template.slice(at + CAPTION.length);
  const tailRepeats = tailTemplate.includes(CAPTION);
  const tailText = tailRepeats ? "" : fill(tailTemplate, "");
  const caption = tidyCaption(values.caption);
  const core = withoutFixedText(caption, headText, tailText);
  const fixedUsesTrigger = template.template.replace(CAPTION, "").includes("{trigger}");
  if (template.trigger && fixedUsesTrigger && namesWord(core, template.trigger)) {
    return { caption, triggerInside: true };
  }
  const rest = tailRepeats ? fill(tailTemplate, core) : tailText;
  return { caption: tidyCaption(`${headText}${core}${rest}`), triggerInside: false };
}

/**
 * The caption without the template's head and tail where it already has them, nor the tags they hold. A head that
 * ends in a separator (`"ohwx, "`) is recognised only where the caption's word ends too; one glued to the caption
 * (`"ohwx_{caption}"`) wherever the caption starts with it.
 */
function withoutFixedText(caption: string, headText: string, tailText: string): string {
  const head = tidyCaption(headText);
  const tail = tidyCaption(tailText);
  let core = caption;
  const headGlued = !SEPARATOR_AT_END.test(headText);
  if (head && core.startsWith(head) && (headGlued || isBoundary(core.charAt(head.length)))) {
    core = tidyCaption(core.slice(head.length));
  }
  const tailGlued = !SEPARATOR_AT_START.test(tailText);
  const beforeTail = core.charAt(core.length - tail.length - 1);
  if (tail && core.endsWith(tail) && (tailGlued || isBoundary(beforeTail))) {
    core = tidyCaption(core.slice(0, core.length - tail.length));
  }
  const fixedTags = new Set([...splitTags(head), ...splitTags(tail)]);
  const tags = splitTags(core);
  const kept = tags.filter((tag) => !fixedTags.has(tag));
  return kept.length === tags.length ? core : joinTags(kept);
}

const SEPARATOR_AT_END = /[\s,]$/;
const SEPARATOR_AT_START = /^[\s,]/;
const isBoundary = (character: string) => character === "" || character === "," || character === " ";

function namesWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, "iu").test(text);
}

/**
 * Fills a piece of the template. Filling stops once the text is longer than any caption can be (plus what
 * tidying may remove), so `{caption}` × 222 costs what one caption does.
 */
function filler(template: CaptionTemplate, values: Values) {
  const budget = 2 * MAX_CAPTION_CHARS + MAX_TEMPLATE_CHARS;
  return (piece: string, caption: string): string => {
    const value: Record<Placeholder, () => string> = {
      caption: () => caption,
      prompt: () => captionFromPrompt(values.prompt),
      trigger: () => template.trigger ?? "",
    };
    let text = "";
    let rest = 0;
    for (const match of piece.matchAll(PLACEHOLDER)) {
      text += piece.slice(rest, match.index) + value[match[1] as Placeholder]();
      rest = match.index + match[0].length;
      if (text.length > budget) return text;
    }
    return text + piece.slice(rest);
  };
}
