const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** 1,536 → "1.5 KB": binary multiples, one decimal above bytes. The one byte formatter (client-safe: upload page, charts, tables, the CLI). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString("en", { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${UNITS[unit]}`;
}
