// Pure agreement statistics (client-safe): a confusion matrix of human vs critic labels and Cohen's kappa.

export type ConfusionMatrix<Label extends string> = {
  labels: readonly Label[];
  /** counts[h][c]: items the humans labelled labels[h] and the critic labels[c]. */
  counts: number[][];
  total: number;
};

/** Counts (human, critic) pairs into a matrix over `labels`; pairs with a label outside them are left out. */
export function confusionMatrix<Label extends string>(
  labels: readonly Label[],
  pairs: Iterable<{ human: string; critic: string; count?: number }>,
): ConfusionMatrix<Label> {
  const counts = labels.map(() => labels.map(() => 0));
  let total = 0;
  for (const pair of pairs) {
    const h = labels.indexOf(pair.human as Label);
    const c = labels.indexOf(pair.critic as Label);
    const row = counts[h];
    if (h < 0 || c < 0 || !row) continue;
    const count = pair.count ?? 1;
    row[c] = (row[c] ?? 0) + count;
    total += count;
  }
  return { labels, counts, total };
}

/** The share of items on the diagonal; null for an empty matrix. */
export function agreementRate(matrix: ConfusionMatrix<string>): number | null {
  if (matrix.total === 0) return null;
  const diagonal = matrix.counts.reduce((sum, row, index) => sum + (row[index] ?? 0), 0);
  return diagonal / matrix.total;
}

/**
 * Cohen's kappa: (p_o − p_e) / (1 − p_e), with p_e from the row and column totals. null when it is undefined:
 * no items, or both raters always gave one and the same label (p_e = 1).
 */
export function cohensKappa(matrix: ConfusionMatrix<string>): number | null {
  const observed = agreementRate(matrix);
  if (observed === null) return null;
  const n = matrix.total;
  const expected = matrix.labels.reduce((sum, _label, index) => {
    const rowTotal = (matrix.counts[index] ?? []).reduce((a, b) => a + b, 0);
    const columnTotal = matrix.counts.reduce((a, row) => a + (row[index] ?? 0), 0);
    return sum + (rowTotal / n) * (columnTotal / n);
  }, 0);
  if (Math.abs(1 - expected) < 1e-12) return null;
  return (observed - expected) / (1 - expected);
}
