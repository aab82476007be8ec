/** "840 kB" under 1 MB, "3.4 MB" from there (1 kB = 1,024 bytes, as the upload limits count). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
