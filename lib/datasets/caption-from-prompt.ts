// Network tags are A1111 prompt syntax that loads weights; they mean nothing to a captioner or a trainer.
const NETWORK_TAG = /<(?:lora|lyco|lycoris|hypernet):[^>]*>/gi;

/**
 * The longest caption there is, wherever one is made: an edit (PATCH and the dataset page), a template, a
 * caption from a prompt (dataset creation), a freeze and an export. A file can embed a prompt of megabytes.
 */
export const MAX_CAPTION_CHARS = 10_000;

/** The default training caption: the prompt without `<lora:…>`/`<lyco:…>` tags, whitespace and commas tidied. */
export function captionFromPrompt(prompt: string | null | undefined): string {
  return tidyCaption((prompt ?? "").replace(NETWORK_TAG, " "));
}

/**
 * One line, single spaces, no empty comma slots (`a, , b` → `a, b`), no leading or trailing commas, and at most
 * MAX_CAPTION_CHARS (cut between characters, never inside a surrogate pair).
 */
export function tidyCaption(text: string): string {
  const tidy = trimCommas(
    text
      .replace(/\s+/g, " ")
      .replace(/\s+,/g, ",")
      .replace(/,(\s*,)+/g, ","),
  );
  if (tidy.length <= MAX_CAPTION_CHARS) return tidy;
  const cut = /[\uD800-\uDBFF]/.test(tidy.charAt(MAX_CAPTION_CHARS - 1))
    ? MAX_CAPTION_CHARS - 1
    : MAX_CAPTION_CHARS;
  return trimCommas(tidy.slice(0, cut));
}

const trimCommas = (text: string) => text.replace(/^[\s,]+|[\s,]+$/g, "");
