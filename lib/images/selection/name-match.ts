import { modelKey } from "@/lib/metadata/model-key";

/**
 * How the model and LoRA filters read their text: a part of the name (`film` finds `film_grain`, `juggernaut`
 * finds `juggernautXL_v9`), or, in double quotes, the whole name (`"sdxl"` is not `sdxl_turbo`), as a prompt
 * search takes a quoted phrase. Either way the text is normalised as names are (lib/metadata/model-key.ts: case,
 * folder, extension and A1111's hash suffix do not matter).
 */
export function parseNameMatch(text: string): { key: string; isExact: boolean } {
  const quoted = /^"(.+)"$/.exec(text.trim());
  const inner = quoted?.[1] ?? text;
  return { key: modelKey(inner) ?? inner.trim().toLowerCase(), isExact: quoted !== null };
}

/** The whole-name form of a key, for links that mean one value (an experiment's row, a chart's bar). */
export function exactName(key: string): string {
  return `"${key}"`;
}

/** A LIKE pattern that finds `key` anywhere in a name: its own %, _ and \ are literal. */
export function containsPattern(key: string): string {
  return `%${key.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
