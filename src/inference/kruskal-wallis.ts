import { pchisq } from '../stats/distributions.ts';
import { splitByGroup, type GroupInput, type GroupOptions } from './groups.ts';
import { averageRanks } from './rank.ts';
import type { NumericInput, TestResult } from './test-result.ts';

/**
 * Kruskal–Wallis rank-sum test of `y` by group with the tie correction, as R's kruskal.test(y, g): rows with a
 * missing value or label are dropped, and so are empty groups.
 */
export function kruskalWallis(y: NumericInput, g: GroupInput, options: GroupOptions = {}): TestResult {
  const { levels, values } = splitByGroup(y, g, options);
  const k = levels.length;
  let n = 0;
  for (const v of values) n += v.length;
  const all = new Float64Array(n);
  let off = 0;
  for (const v of values) {
    all.set(v, off);
    off += v.length;
  }
  const { ranks, tieSum } = averageRanks(all);
  let h = 0;
  off = 0;
  for (const v of values) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += ranks[off + i];
    h += (s * s) / v.length;
    off += v.length;
  }
  const stat = ((12 * h) / (n * (n + 1)) - 3 * (n + 1)) / (1 - tieSum / (n * n * n - n));
  const df = k - 1;
  return {
    method: 'Kruskal-Wallis rank sum test',
    statistic: k >= 2 ? stat : NaN,
    statisticName: 'Kruskal-Wallis chi-squared',
    df,
    p: k >= 2 ? pchisq(stat, df, false) : NaN,
    n: Object.fromEntries(levels.map((l, j) => [l, values[j].length])),
    alternative: 'two.sided',
  };
}
