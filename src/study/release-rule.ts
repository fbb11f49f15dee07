import type { TestResult } from '../inference/test-result.ts';

import { protectCells } from '../stats/complementary-suppression.ts';
import type { Study } from './study-file.ts';
import type { StudyResults } from './study-results.ts';
import { groupVariable, type CategoricalVariable, type StudyContext } from './study-variables.ts';

/** The study's release rule, with its defaults. */
export interface ReleaseOptions {
  /** A group (a level, a table's row or column) of fewer respondents shows no figures. */
  minGroup: number;
  /** A crosstab cell of fewer respondents (but not 0) is hidden; null: no cell rule (only small rows/columns). */
  minCell: number | null;
  /** Small groups of a grouping variable are merged into one group `otherLabel` instead of hidden. */
  merge: boolean;
  otherLabel: string;
  /** Whether describe's grouped tables show the overall row. */
  overall: boolean;
}

export const DEFAULT_MIN_GROUP = 10;

export function releaseOptions(study: Pick<Study, 'suppression'>): ReleaseOptions {
  const s = study.suppression ?? {};
  return {
    minGroup: s.minGroup ?? DEFAULT_MIN_GROUP,
    minCell: s.minCell ?? null,
    merge: s.small === 'merge',
    otherLabel: s.otherLabel ?? 'Other',
    overall: s.overall ?? true,
  };
}

/** One sentence per rule in force, for the summary and the results. */
export function describeRelease(o: ReleaseOptions): string[] {
  const out = [
    o.merge
      ? `Groups with fewer than ${o.minGroup} respondents are merged into "${o.otherLabel}" (hidden if it is still smaller).`
      : `Groups with fewer than ${o.minGroup} respondents show no figures.`,
    `In a shown group, a score with fewer than ${o.minGroup} respondents shows no figures.`,
  ];
  if (o.minCell !== null) out.push(`Crosstab cells with fewer than ${o.minCell} respondents (but not 0) are hidden.`);
  out.push('Further groups or cells are hidden, the fewest respondents possible, where a released total would let a hidden one be worked out; tests and models use every respondent.');
  if (!o.overall) out.push('Grouped summaries show no overall row.');
  return out;
}

/** The results' `suppression` entry. */
export function releaseJson(study: Pick<Study, 'suppression'>): StudyResults['suppression'] {
  const o = releaseOptions(study);
  return { min_group: o.minGroup, min_cell: o.minCell, small: o.merge ? 'merge' : 'hide', other_label: o.merge ? o.otherLabel : null, overall: o.overall, rules: describeRelease(o) };
}

/**
 * Disclosure control as a rule about what is released (not a filter on the data): a released cell (a group's n,
 * its figures, a table cell) that describes fewer than `threshold` respondents is hidden. Only when a total is
 * released as well, so that the hidden cells could be recovered by subtraction, are further cells hidden
 * (complementary suppression), the fewest respondents possible, until the hidden cells together hold at least
 * `threshold` respondents. Empty cells (0) reveal no one and are never hidden.
 *
 * Returns the positions in `counts` to hide.
 */
export function hiddenCells(counts: readonly number[], threshold: number, totalReleased: boolean): Set<number> {
  const primary = counts.map((c, k) => (c > 0 && c < threshold ? k : -1)).filter((k) => k >= 0);
  if (!totalReleased) return new Set(primary);
  const state = protectCells(counts, primary, [counts.map((_, k) => k)], threshold);
  return new Set(counts.map((_, k) => k).filter((k) => state[k]));
}

/**
 * `small: merge`: the levels of a grouping variable with fewer than `minGroup` respondents (but some) become one
 * level `label`, placed last (a level already named so takes them in). Unchanged when no level is small or only
 * one is and no level is named `label` (merging one level with nothing protects no one).
 */
export function mergeSmallLevels(g: CategoricalVariable, minGroup: number, label: string): CategoricalVariable {
  const counts = new Array<number>(g.levels.length).fill(0);
  for (let i = 0; i < g.codes.length; i++) if (g.codes[i] >= 0) counts[g.codes[i]]++;
  const small = new Set(counts.map((c, k) => (c > 0 && c < minGroup ? k : -1)).filter((k) => k >= 0));
  const existing = g.levels.indexOf(label);
  if (small.size === 0 || (small.size === 1 && existing < 0)) return g;
  const levels: string[] = [];
  const map = new Int32Array(g.levels.length);
  g.levels.forEach((l, k) => {
    if (small.has(k) || k === existing) return;
    map[k] = levels.length;
    levels.push(l);
  });
  const other = levels.length;
  levels.push(label);
  small.forEach((k) => (map[k] = other));
  if (existing >= 0) map[existing] = other;
  const codes = Int32Array.from(g.codes, (c) => (c < 0 ? -1 : map[c]));
  return { ...g, codes, levels };
}

/** A grouping variable (of describe, compare-groups, crosstab, proportion) as the release rule groups it. */
export function releasedGroups(ctx: StudyContext, ref: string, field: string): CategoricalVariable {
  const g = groupVariable(ctx, ref, field);
  const o = releaseOptions(ctx.study);
  return o.merge ? mergeSmallLevels(g, ctx.minGroup, o.otherLabel) : g;
}

/**
 * The release rule on a two-way table whose row totals, column totals and grand total are released: rows and
 * columns of fewer than `minGroup` respondents are hidden whole (with complementary rows or columns so none can be
 * worked out from the grand total); with `minCell`, cells of fewer than `minCell` (but not 0) are hidden too, and
 * then, within every shown row and column, further cells so that no hidden cell can be worked out from its
 * total. Returns which rows, columns and cells (row-major) are hidden.
 */
export function releaseTable(
  counts: readonly (readonly number[])[],
  minGroup: number,
  minCell: number | null,
): { rows: Set<number>; cols: Set<number>; cells: Uint8Array } {
  const R = counts.length;
  const C = R ? counts[0].length : 0;
  const rowTot = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const colTot = Array.from({ length: C }, (_, j) => counts.reduce((s, r) => s + r[j], 0));
  const rows = hiddenCells(rowTot, minGroup, true);
  const cols = hiddenCells(colTot, minGroup, true);
  const flat = counts.flat();
  const primary: number[] = [];
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++) {
      const c = counts[i][j];
      if (rows.has(i) || cols.has(j) || (minCell !== null && c > 0 && c < minCell)) primary.push(i * C + j);
    }
  if (minCell === null) {
    const cells = new Uint8Array(R * C);
    for (const k of primary) cells[k] = 1;
    return { rows, cols, cells };
  }
  const lines: number[][] = [];
  for (let i = 0; i < R; i++) if (!rows.has(i)) lines.push(Array.from({ length: C }, (_, j) => i * C + j));
  for (let j = 0; j < C; j++) if (!cols.has(j)) lines.push(Array.from({ length: R }, (_, i) => i * C + j));
  return { rows, cols, cells: protectCells(flat, primary, lines, minCell) };
}

/** A compare-groups result as computed on every group, before the release rule. */
interface ComparedGroups {
  groups: { level: string; n: number | null; mean: number | null; sd: number | null }[];
  result: TestResult | null;
  posthoc: { comparisons: { group1: string; group2: string; difference: number | null; statistic: number | null; p: number | null; ci: [number, number] | null }[] } | null;
}

/**
 * The release rule applied to a comparison of groups computed on every respondent: a group of fewer than
 * `threshold` shows no n, mean or SD, and its pairwise comparisons no difference, CI, statistic or p: with two or
 * more released groups, the pairwise statistics of a hidden group would let its mean (for a group of one, that
 * person's score) be worked out from the released means. The comparisons stay in the p adjustment. Because other tables of
 * the study release the overall n (describe's overall row), the smallest other groups are hidden too until the
 * hidden ones hold at least the threshold (complementary suppression, the rule describe follows), but they stay in
 * the test; the test's n is withheld. A two-group test keeps its statistic, df and p but not the group means, the
 * difference, its CI or the effect size. Returns the hidden levels; the result is changed in place.
 */
export function releaseGroups(r: ComparedGroups, threshold: number): string[] {
  const counts = r.groups.map((g) => g.n ?? 0);
  const hidden = hiddenCells(counts, threshold, true);
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
      c.statistic = null;
      c.p = null;
    }
  }
  return r.groups.filter((g) => names.has(g.level)).map((g) => g.level);
}
