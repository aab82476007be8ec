const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
// An age past this names a cutoff before any image existed; a larger one would not fit a date at all.
const MAX_AGE_MS = 100 * 365 * UNIT_MS.d;

/** The words every caller shows when an age is refused. */
export const AGE_FORMAT = "an age looks like 30d, 12h, 90m, 2w or 45s, at most 100 years";

/** `30d`, `12h`, `90m`, `2w`, `45s` → milliseconds; null for anything else, zero, or more than 100 years. */
export function parseAge(text: string): number | null {
  const match = /^(\d{1,15})([smhdw])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= MAX_AGE_MS ? ms : null;
}
