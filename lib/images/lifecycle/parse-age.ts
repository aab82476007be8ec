const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `30d`, `12h`, `90m`, `2w`, `45s` → milliseconds; null for anything else. */
export function parseAge(text: string): number | null {
  const match = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? amount * UNIT_MS[match[2] as keyof typeof UNIT_MS] : null;
}
