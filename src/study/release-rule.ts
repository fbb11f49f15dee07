import type { TestResult } from '../inference/test-result.ts';

/**
 * Disclosure control as a rule about what is released (not a filter on the data): a released cell (a group's n,
 * its figures, a table cell) that describes fewer than `threshold` respondents is hidden. Only when a total is
 * released as well, so that the hidden cells could be recovered by subtraction, are further cells hidden
 * (complementary suppression), the smallest first, until the hidden cells together hold at least `threshold`
 * respondents. Empty cells (0) reveal no one and are never hidden.
 *
 * Returns the positions in `counts` to hide.
 */
export function hiddenCells(counts: readonly number[], threshold: number, totalReleased: boolean): Set<number> {
  const hidden = new Set<number>();
  let sum = 0;
  counts.forEach((c, k) => {
    if (c > 0 && c < threshold) {
      hidden.add(k);
      sum += c;
    }
  });
  if (!totalReleased || hidden.size === 0) return hidden;
  const shown = counts
    .map((c, k) => [c, k] as const)
    .filter(([c, k]) => c > 0 && !hidden.has(k))
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [c, k] of shown) {
    if (sum >= threshold) break;
    hidden.add(k);
    sum += c;
  }
  return hidden;
}

/** A compare-groups result as computed on every group, before the release rule. */
interface ComparedGroups {
  groups: { level: string; n: number | null; mean: number | null; sd: number | null }[];
  result: TestResult | null;
  posthoc: { comparisons: { group1: string; group2: string; difference: number | null; ci: [number, number] | null }[] } | null;
}

/**
 * The release rule applied to a comparison of groups computed on every respondent: a group of fewer than
 * `threshold` shows no n, mean or SD (and its pairwise differences no difference or CI). The comparison releases
 * no total (the test's n is withheld when a group is hidden), so no complementary suppression is needed and no
 * other group loses its figures. A two-group test keeps its statistic, df and p but not the group means, the
 * difference, its CI or the effect size. Returns the hidden levels; the result is changed in place.
 */
export function releaseGroups(r: ComparedGroups, threshold: number): string[] {
  const counts = r.groups.map((g) => g.n ?? 0);
  const hidden = hiddenCells(counts, threshold, false);
  if (!hidden.size) return [];
  const names = new Set<string>();
  hidden.forEach((k) => {
    const g = r.groups[k];
    names.add(g.level);
    g.n = null;
    g.mean = null;
    g.sd = null;
  });
  if (r.result) {
    const res = r.result as unknown as Record<string, unknown>;
    res.n = NaN;
    if (r.groups.length === 2) {
      delete res.estimate;
      delete res.estimateName;
      delete res.ci;
      delete res.confLevel;
      delete res.effectSize;
    }
  }
  for (const c of r.posthoc?.comparisons ?? []) {
    if (names.has(c.group1) || names.has(c.group2)) {
      c.difference = null;
      c.ci = null;
    }
  }
  return r.groups.filter((g) => names.has(g.level)).map((g) => g.level);
}

/** A table of counts as released: hidden cells and margins are null. */
export interface ReleasedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  /** Number of cells hidden because they are small (primary) and to protect them (complementary). */
  hiddenPrimary: number;
  hiddenComplementary: number;
}

/**
 * The release rule on a crosstab whose margins and grand total are shown: a cell counting 1 to `minCell` − 1
 * respondents is hidden; a row or column total under `minGroup` is hidden (with, complementarily, the smallest
 * other totals until the hidden ones hold `minGroup`, since the grand total is shown), and so are its cells. Then,
 * in every row and column whose total is shown, while its hidden cells together hold fewer than `minCell` (so
 * that subtraction from the total would reveal them), the smallest shown non-zero cell of that line is hidden too.
 * Only cells are hidden, never whole levels: the table keeps every level, and the test uses every respondent.
 */
export function releaseTable(counts: readonly (readonly number[])[], minCell: number, minGroup: number): ReleasedTable {
  const nr = counts.length;
  const nc = nr ? counts[0].length : 0;
  const rowTot = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTot = Array.from({ length: nc }, (_, j) => counts.reduce((a, r) => a + r[j], 0));
  const hideRow = hiddenCells(rowTot, minGroup, true);
  const hideCol = hiddenCells(colTot, minGroup, true);
  const hidden = counts.map((r, i) => r.map((c, j) => c > 0 && (c < minCell || hideRow.has(i) || hideCol.has(j))));
  let primary = 0;
  for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) if (hidden[i][j]) primary++;
  let complementary = 0;
  const protect = (cellsOf: (k: number) => [number, number][], lines: number, shownTotal: (k: number) => boolean): boolean => {
    let changed = false;
    for (let k = 0; k < lines; k++) {
      if (!shownTotal(k)) continue;
      const line = cellsOf(k);
      for (;;) {
        let sum = 0;
        let any = false;
        for (const [i, j] of line) if (hidden[i][j]) (sum += counts[i][j]), (any = true);
        if (!any || sum >= minCell) break;
        let best: [number, number] | undefined;
        for (const [i, j] of line) if (!hidden[i][j] && counts[i][j] > 0 && (!best || counts[i][j] < counts[best[0]][best[1]])) best = [i, j];
        if (!best) break;
        hidden[best[0]][best[1]] = true;
        complementary++;
        changed = true;
      }
    }
    return changed;
  };
  const rowCells = (i: number) => Array.from({ length: nc }, (_, j) => [i, j] as [number, number]);
  const colCells = (j: number) => Array.from({ length: nr }, (_, i) => [i, j] as [number, number]);
  for (let guard = 0; guard < nr * nc + 1; guard++) {
    const a = protect(rowCells, nr, (i) => !hideRow.has(i));
    const b = protect(colCells, nc, (j) => !hideCol.has(j));
    if (!a && !b) break;
  }
  return {
    cells: counts.map((r, i) => r.map((c, j) => (hidden[i][j] ? null : c))),
    rowTotals: rowTot.map((t, i) => (hideRow.has(i) ? null : t)),
    colTotals: colTot.map((t, j) => (hideCol.has(j) ? null : t)),
    hiddenPrimary: primary,
    hiddenComplementary: complementary,
  };
}
