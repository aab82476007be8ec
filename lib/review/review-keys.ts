export const REVIEW_KEY_HELP: [key: string, what: string][] = [
  ["A", "approve (and move on)"],
  ["X", "reject (and move on)"],
  ["S", "skip (and move on)"],
  ["1–5", "score"],
  ["T", "reason tags: type to find, Enter to toggle"],
  ["N", "note"],
  ["U", "undo your last change"],
  ["← → / J K", "previous / next image"],
  ["Z", "zoom: fit ↔ 100%"],
  ["?", "show these keys"],
];
