// The one CSV cell writer (RFC 4180 quoting) for every CSV this app writes. A spreadsheet runs a cell that starts
// with = + - @ as a formula, and some also after a leading TAB or CR, or with the fullwidth and small forms of
// those signs (＝＋－＠, ﹦﹢﹣﹫), which they fold to ASCII. Such a cell gets a leading ' so it stays text.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/** One cell: numbers as they are, lists joined by "|", text neutralised and quoted when it has to be. */
export function csvCell(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let text = Array.isArray(value) ? value.map((item) => String(item ?? "")).join("|") : String(value ?? "");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
