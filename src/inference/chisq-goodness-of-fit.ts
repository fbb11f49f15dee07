import { StaffwellError } from '../errors.ts';
import { pchisq } from '../stats/distributions.ts';
import type { TestResult } from './test-result.ts';

export interface GoodnessOfFitResult extends TestResult {
  expected: number[];
  /** Pearson residuals (observed − expected) / √expected. */
  residuals: number[];
}

/**
 * Chi-squared goodness-of-fit test of counts against given probabilities, as R's chisq.test(x, p = p) (equal
 * probabilities when `p` is omitted; `rescale` divides p by its sum, as rescale.p = TRUE).
 */
export function chisqGoodnessOfFit(counts: readonly number[], p?: readonly number[], options: { rescale?: boolean } = {}): GoodnessOfFitResult {
  const k = counts.length;
  const bad = (problem: string, field: string, value: unknown, hint: string): never => {
    throw new StaffwellError('invalid-option', problem, { field, value, hint });
  };
  if (k < 2) bad('a goodness-of-fit test needs at least two categories', 'counts', k, 'Give one count per category');
  counts.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) bad(`count ${i + 1} is not a count`, 'counts', v, 'Give counts of people');
  });
  let probs = p ? [...p] : new Array<number>(k).fill(1 / k);
  if (probs.length !== k) bad('give one probability per category', 'p', `${probs.length} for ${k} categories`, 'List as many proportions as categories');
  probs.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) bad(`probability ${i + 1} is not a number >= 0`, 'p', v, 'Give proportions between 0 and 1');
  });
  const sum = probs.reduce((a, b) => a + b, 0);
  if (options.rescale) probs = probs.map((v) => v / sum);
  else if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) bad('the probabilities must sum to 1', 'p', sum, 'Correct them, or set rescale to divide them by their sum');
  const n = counts.reduce((a, b) => a + b, 0);
  const expected = probs.map((v) => n * v);
  let stat = 0;
  for (let i = 0; i < k; i++) stat += (counts[i] - expected[i]) ** 2 / expected[i];
  const df = k - 1;
  return {
    method: 'Chi-squared test for given probabilities',
    statistic: stat,
    statisticName: 'X-squared',
    df,
    p: pchisq(stat, df, false),
    n,
    alternative: 'two.sided',
    expected,
    residuals: counts.map((v, i) => (v - expected[i]) / Math.sqrt(expected[i])),
  };
}
