import type { TextEntry } from "../containers/text-entry";
import { looksLikeJson, parseLenientJson } from "../lenient-json";
import { isRecord } from "../values";

/** EXIF tags ComfyUI's WebP savers fill with `name:{json}`: prompt in Model, workflow in Make, more below 0x010F. */
const PREFIX_CARRIERS = ["Make", "Model", "ImageDescription", "Software", "Artist"];
const PREFIXED_JSON = /^([A-Za-z_][\w-]{0,40}):\s*(?=[{[])/;
const JSON_CARRIERS = ["UserComment", "XPComment", "ImageDescription", "Comment", "stealth"];

/**
 * Turns container entries into the keyword -> text map the format detection reads, undoing
 * the places generators move things: `prompt:{…}` in EXIF Make/Model, `{"prompt": …, "workflow": …}`
 * in a UserComment, and NovelAI's stealth JSON whose keys are the PNG keywords.
 */
export function expandEntries(entries: TextEntry[], stealthMode: string | null): Map<string, string> {
  const expanded = new Map<string, string>();
  const add = (keyword: string, text: string) => {
    if (!expanded.has(keyword)) expanded.set(keyword, text);
  };
  for (const { keyword, text } of entries) {
    const prefixed = PREFIX_CARRIERS.includes(keyword) ? PREFIXED_JSON.exec(text) : null;
    if (prefixed?.[1]) {
      // Save Image Extended writes "Prompt: {…}" / "Workflow: {…}"; the graph keywords are lower case.
      const name = /^(prompt|workflow)$/i.test(prefixed[1]) ? prefixed[1].toLowerCase() : prefixed[1];
      add(name, text.slice(prefixed[0].length));
      continue;
    }
    if (JSON_CARRIERS.includes(keyword) && looksLikeJson(text)) {
      const split = splitKeyedDocument(text);
      if (split) {
        for (const [name, value] of split) add(name, value);
        continue;
      }
    }
    add(keyword === "stealth" ? "parameters" : keyword, text);
  }
  if (stealthMode) expanded.set("stealth_mode", stealthMode);
  return expanded;
}

/** A JSON object whose values are the real entries: ComfyUI saver {prompt, workflow}, NovelAI stealth {Comment, …}. */
function splitKeyedDocument(text: string): [string, string][] | null {
  const parsed = parseLenientJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const document = parsed.value;
  const isComfyPair = isRecord(document.prompt) || isRecord(document.workflow);
  const isNovelAi = typeof document.Comment === "string" || document.Software === "NovelAI";
  if (!isComfyPair && !isNovelAi) return null;
  return Object.entries(document).map(([key, value]) => [
    key,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
}
