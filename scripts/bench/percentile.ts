// The nearest-rank percentile the benchmarks print (p50, p95, p99).

/** The value at `fraction` (0.95 for p95) of values sorted ascending; 0 when there are none. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}
