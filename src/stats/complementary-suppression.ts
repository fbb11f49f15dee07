/**
 * Complementary cell suppression (statistical disclosure control), a pure kernel.
 *
 * A table releases some cells and some totals. Each released total is a *line*: the set of cells it sums. When a
 * line holds hidden cells whose sum is below the threshold, the hidden part could be worked out by subtraction
 * (one hidden cell exactly; several only as a small sum), so further cells of that line are hidden until the hidden
 * cells of every line hold at least `threshold` respondents. Empty cells (0) reveal no one and are never chosen.
 *
 * The choice is the one that hides fewest respondents, not the next-smallest cell again and again (which can hide
 * three cells where one suffices: hidden 3, shown 5, 8, 40 and threshold 10 — the greedy rule hides 5 and 8, this
 * one only 8). When a line needs a cell and one of its cells also lies on another line that still needs one, that
 * cell is taken (it protects both at once: in a table, hiding cells on the diagonal of two hidden cells' rows and
 * columns rather than one more per row and per column).
 *
 * Returns per cell 0 = shown, 1 = primary (given), 2 = complementary.
 */
export function protectCells(
  counts: readonly number[],
  primary: Iterable<number>,
  lines: readonly (readonly number[])[],
  threshold: number,
): Uint8Array {
  const state = new Uint8Array(counts.length);
  for (const k of primary) state[k] = 1;
  const deficit = (line: readonly number[]): number => {
    let held = 0;
    let any = false;
    for (const k of line)
      if (state[k]) {
        any = true;
        held += counts[k];
      }
    return any && held < threshold ? threshold - held : 0;
  };
  const linesOf: number[][] = counts.map(() => []);
  lines.forEach((line, l) => line.forEach((k) => linesOf[k].push(l)));
  for (let changed = true; changed; ) {
    changed = false;
    for (let l = 0; l < lines.length; l++) {
      const d = deficit(lines[l]);
      if (d <= 0) continue;
      const candidates = lines[l].filter((k) => !state[k] && counts[k] > 0);
      if (!candidates.length) continue;
      const pick = chooseCells(counts, candidates, d, (k) => linesOf[k].some((m) => m !== l && deficit(lines[m]) > 0));
      for (const k of pick) state[k] = 2;
      changed = true;
    }
  }
  return state;
}

/**
 * The cells of `candidates` to hide so that they hold at least `d` respondents: one cell that also protects
 * another line when one is large enough, else the set of smallest total (fewest cells on a tie, then the cells
 * first in order); all candidates when even they are not enough.
 */
function chooseCells(counts: readonly number[], candidates: readonly number[], d: number, helpsOther: (k: number) => boolean): number[] {
  const byCount = [...candidates].sort((p, q) => counts[p] - counts[q] || p - q);
  const shared = byCount.find((k) => counts[k] >= d && helpsOther(k));
  if (shared !== undefined) return [shared];
  const single = byCount.find((k) => counts[k] >= d);
  // subsets of the cells smaller than d: their best sum reaching d is below 2d (drop any one cell and it is < d)
  const small = byCount.filter((k) => counts[k] < d);
  const limit = 2 * d;
  // best[s] = the cells of a subset summing exactly to s (fewest cells), built over the small cells in order
  const best: (number[] | null)[] = new Array(limit).fill(null);
  best[0] = [];
  for (const k of small) {
    const c = counts[k];
    for (let s = limit - 1; s >= c; s--) {
      const prev = best[s - c];
      if (prev && (!best[s] || best[s]!.length > prev.length + 1)) best[s] = [...prev, k];
    }
  }
  let subset: number[] | null = null;
  let subsetSum = Infinity;
  for (let s = d; s < limit; s++)
    if (best[s]) {
      subset = best[s];
      subsetSum = s;
      break;
    }
  if (single !== undefined && (subset === null || counts[single] <= subsetSum)) return [single];
  if (subset) return subset;
  return byCount;
}
