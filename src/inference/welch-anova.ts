import { pf } from '../stats/distributions.ts';
import { splitByGroup, type GroupInput, type GroupOptions } from './groups.ts';
import { mean, variance } from './sample.ts';
import type { NumericInput, TestResult } from './test-result.ts';

/**
 * Welch's one-way ANOVA, not assuming equal variances, as R's oneway.test(y ~ g, var.equal = FALSE). NaN when a
 * group has fewer than 2 values (R stops with "not enough observations") or zero variance.
 */
export function welchAnova(y: NumericInput, g: GroupInput, options: GroupOptions = {}): TestResult & { df: [number, number] } {
  const { levels, values } = splitByGroup(y, g, options);
  const k = levels.length;
  const n = values.map((v) => v.length);
  const m = values.map((v) => mean(v));
  const w = values.map((v, j) => n[j] / variance(v, m[j]));
  let sumW = 0;
  for (const wi of w) sumW += wi;
  let tmp = 0;
  for (let j = 0; j < k; j++) tmp += (1 - w[j] / sumW) ** 2 / (n[j] - 1);
  tmp /= k * k - 1;
  let mw = 0;
  for (let j = 0; j < k; j++) mw += w[j] * m[j];
  mw /= sumW;
  let num = 0;
  for (let j = 0; j < k; j++) num += w[j] * (m[j] - mw) ** 2;
  let F = num / ((k - 1) * (1 + 2 * (k - 2) * tmp));
  let df2 = 1 / (3 * tmp);
  if (n.some((nj) => nj < 2) || k < 2) {
    F = NaN;
    df2 = NaN;
  }
  return {
    method: 'One-way analysis of means (not assuming equal variances)',
    statistic: F,
    statisticName: 'F',
    df: [k - 1, df2],
    p: pf(F, k - 1, df2, false),
    n: Object.fromEntries(levels.map((l, j) => [l, n[j]])),
    alternative: 'two.sided',
  };
}
