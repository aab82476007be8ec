// Client-safe: the workbench shows a bulk step's preview and a caption's history as word-level diffs.

export type DiffPart = { text: string; kind: "same" | "added" | "removed" };

/** Above this many cells the middle is shown as removed-then-added rather than aligned word by word. */
const MAX_CELLS = 200_000;

const words = (text: string) => text.match(/[^\s,]+|,/g) ?? [];

/**
 * The words `before` and `after` share, and what one removes and the other adds, in order. The common start and
 * end are cut first (a template adds a prefix; a tag operation changes one part), so the quadratic alignment
 * runs only over what differs, and not at all when that is large (a caption holds up to 10,000 characters).
 */
export function diffCaptions(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end += 1;
  const middle = alignWords(a.slice(start, a.length - end), b.slice(start, b.length - end));
  return merge([
    ...a.slice(0, start).map((text) => ({ text, kind: "same" as const })),
    ...middle,
    ...a.slice(a.length - end).map((text) => ({ text, kind: "same" as const })),
  ]);
}

/** Longest-common-subsequence alignment of two word lists (small: bounded by MAX_CELLS). */
function alignWords(a: string[], b: string[]): DiffPart[] {
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((text) => ({ text, kind: "removed" as const })),
      ...b.map((text) => ({ text, kind: "added" as const })),
    ];
  }
  // lengths[i][j]: the common subsequence of a[i:] and b[j:].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lengths[i] as Uint16Array;
      const below = lengths[i + 1] as Uint16Array;
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ text: a[i] ?? "", kind: "same" });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))) {
      // On a tie the removal comes first: "-[old] +[new]" reads as a replacement.
      parts.push({ text: a[i] ?? "", kind: "removed" });
      i += 1;
    } else {
      parts.push({ text: b[j] ?? "", kind: "added" });
      j += 1;
    }
  }
  return parts;
}

/** Neighbouring words of one kind as one part, written back as a caption is written (", " between tags). */
function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && last.kind === part.kind) last.text += part.text === "," ? "," : ` ${part.text}`;
    else merged.push({ ...part });
  }
  return merged;
}
