// Network tags are A1111 prompt syntax that loads weights; they mean nothing to a captioner or a trainer.
const NETWORK_TAG = /<(?:lora|lyco|lycoris|hypernet):[^>]*>/gi;

/** The default training caption: the prompt without `<lora:…>`/`<lyco:…>` tags, whitespace and commas tidied. */
export function captionFromPrompt(prompt: string | null | undefined): string {
  return tidyCaption((prompt ?? "").replace(NETWORK_TAG, " "));
}

/** One line, single spaces, no empty comma slots (`a, , b` → `a, b`), no leading or trailing commas. */
export function tidyCaption(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+,/g, ",")
    .replace(/,(\s*,)+/g, ",")
    .replace(/^[\s,]+|[\s,]+$/g, "");
}
