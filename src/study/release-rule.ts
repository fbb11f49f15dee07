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
 * `threshold` shows no n, mean or SD (and its pairwise differences no difference or CI). Because other tables of
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
    }
  }
  return r.groups.filter((g) => names.has(g.level)).map((g) => g.level);
}
