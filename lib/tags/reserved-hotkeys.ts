/**
 * Keys review mode owns; a tag's hotkey may be any other single letter or digit. Kept with tags (not review)
 * because tags sit below review: ingest attaches tags, review reads them.
 */
export const RESERVED_REVIEW_KEYS = [
  "a",
  "x",
  "s",
  "t",
  "n",
  "u",
  "j",
  "k",
  "z",
  "1",
  "2",
  "3",
  "4",
  "5",
  "?",
];
