// Search is forgiving: every word the user typed matches by prefix (`light` finds "lighthouse"), so a search
// box finds what is half typed. websearch_to_tsquery cannot say "prefix", so the tsquery text is built here,
// from the user's words only: each word is cut down to letters, digits and the joiners . _ - (which the
// Postgres parser reads as parts of one token, as it did when the prompt was indexed), so nothing the user
// types can reach tsquery syntax. Postgres then splits a quoted word exactly as it split the prompt
// ('sci-fi':* → sci-fi, sci, fi), and the GIN index on prompt_search serves prefix matches.

const WORD_PART = /[\p{L}\p{N}\p{M}._-]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

// A prefix is written `'w' | 'w':*` although `'w':*` alone matches the same rows: Postgres estimates a prefix
// from few statistics (it guessed 2% for a word in 20% of 100,000 prompts) and then reads every match through
// the GIN index and sorts them, 15× slower than walking the sort's index (bench:gallery); the whole word beside
// it carries the word's real frequency into the estimate. That helps only when the typed word is whole: a page of
// a search no longer plans by the estimate (page-conditions.ts), counts and other selections still do.
const prefixOf = (word: string) => `('${word}' | '${word}':*)`;

/** One typed token or phrase as tsquery: its words adjacent (<->), the last one a prefix unless excluded. */
function term(text: string, excluded: boolean): string | null {
  const words = (text.match(WORD_PART) ?? []).filter((word) => HAS_LETTER_OR_DIGIT.test(word));
  if (words.length === 0) return null;
  const quoted = words.map((word, index) =>
    index === words.length - 1 && !excluded ? prefixOf(word) : `'${word}'`,
  );
  const joined = quoted.length > 1 ? `(${quoted.join(" <-> ")})` : (quoted[0] as string);
  // An excluded word is excluded whole: `-red` keeps "reddish".
  return excluded ? `!${joined}` : joined;
}

/**
 * The tsquery text (for to_tsquery('simple', …)) of a search box: words AND-ed, `-word` excluded, `"a phrase"`
 * in order, `a or b` either. Null when nothing searchable is left (then the search does not narrow).
 */
export function promptTsQuery(search: string): string | null {
  const groups: string[][] = [];
  let joinNext = false;
  for (const match of search.matchAll(TOKEN)) {
    const [, minus, phrase, bare] = match;
    if (bare !== undefined && bare.toLowerCase() === "or") {
      joinNext = groups.length > 0;
      continue;
    }
    const raw = phrase ?? bare ?? "";
    const excluded = minus === "-" || (bare?.startsWith("-") ?? false);
    const built = term(bare?.startsWith("-") ? raw.slice(1) : raw, excluded);
    if (!built) continue;
    const last = groups.at(-1);
    if (joinNext && last) last.push(built);
    else groups.push([built]);
    joinNext = false;
  }
  if (groups.length === 0) return null;
  return groups.map((group) => (group.length > 1 ? `(${group.join(" | ")})` : group[0])).join(" & ");
}
