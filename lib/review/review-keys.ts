/** Keys review mode owns; a tag's hotkey may be any other single letter or digit. */
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

export const REVIEW_KEY_HELP: [key: string, what: string][] = [
  ["A", "approve (and move on)"],
  ["X", "reject (and move on)"],
  ["S", "skip (and move on)"],
  ["1–5", "score"],
  ["T", "reason tags: type to find, Enter to toggle (after X: on the rejected image)"],
  ["N", "note (after X: on the rejected image)"],
  ["U", "undo your last change"],
  ["← → / J K", "previous / next image"],
  ["Z", "zoom: fit ↔ 100%"],
  ["?", "show these keys"],
];
