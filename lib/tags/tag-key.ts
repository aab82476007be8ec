// The one meaning of "the same tag name", for every write and every filter. Computed here only: SQL compares the
// stored key (tags.folded_name) and never folds case itself, because Postgres lower() follows the database's
// collation (a C-locale database leaves "İ" as it is) and JavaScript's toLowerCase() does not.

/**
 * Unicode NFC, then a case fold (lower, upper, lower: "ß", "ẞ" and "SS" meet at "ss", "ς" and "Σ" at "σ"), repeated
 * until it no longer changes, so the key of a key is itself. NFC and NFD "café" share a key; so do "İstanbul" and
 * "i̇stanbul".
 */
export function tagKey(name: string): string {
  let key = name.normalize("NFC");
  for (let round = 0; round < 4; round += 1) {
    const next = key.toLowerCase().toUpperCase().toLowerCase().normalize("NFC");
    if (next === key) break;
    key = next;
  }
  return key;
}

/** A tag's name as stored: trimmed by the caller's schema, composed (NFC) so one spelling shows one way. */
export function storedTagName(name: string): string {
  return name.normalize("NFC");
}
