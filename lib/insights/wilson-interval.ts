/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/**
 * The Wilson score interval for `successes` out of `trials` (95% by default): unlike p ± z·se it stays inside
 * 0–1 and widens honestly for small counts, so 3 approvals out of 3 reads as 0.44–1, not "100%". Null for no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}
