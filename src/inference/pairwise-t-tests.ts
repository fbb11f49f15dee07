import { pt } from '../stats/distributions.ts';
import { splitByGroup, type GroupInput, type GroupOptions } from './groups.ts';
import { pAdjust, type PAdjustMethod } from './p-adjust.ts';
import { mean, variance } from './sample.ts';
import { checkAlternative, type Alternative, type NumericInput } from './test-result.ts';

export interface PairwiseTTestsOptions extends GroupOptions {
  pAdjustMethod?: PAdjustMethod;
  alternative?: Alternative;
}

export interface PairwiseComparison {
  /** The later level (R's row). */
  group1: string;
  /** The earlier level (R's column). */
  group2: string;
  /** Mean of group1 − mean of group2. */
  difference: number;
  t: number;
  /** Unadjusted p. */
  pUnadjusted: number;
  /** Adjusted p (R's pairwise.t.test value). */
  p: number;
}

export interface PairwiseTTestsResult {
  method: 't tests with pooled SD';
  pAdjustMethod: PAdjustMethod;
  alternative: Alternative;
  levels: string[];
  /** Pooled-SD degrees of freedom: N − k. */
  df: number;
  /** In R's order: down the columns of the lower triangle ((2,1), (3,1), …, (k,1), (3,2), …). */
  comparisons: PairwiseComparison[];
}

/**
 * Pairwise t tests between all groups with the SD pooled over all groups, as R's
 * pairwise.t.test(y, g, pool.sd = TRUE, p.adjust.method): Holm by default.
 */
export function pairwiseTTests(y: NumericInput, g: GroupInput, options: PairwiseTTestsOptions = {}): PairwiseTTestsResult {
  const alternative = checkAlternative(options.alternative);
  const method = options.pAdjustMethod ?? 'holm';
  const { levels, values } = splitByGroup(y, g, options);
  const k = levels.length;
  const means = values.map((v) => mean(v));
  const n = values.map((v) => v.length);
  let ss = 0;
  let df = 0;
  for (let j = 0; j < k; j++) {
    ss += variance(values[j], means[j]) * (n[j] - 1);
    df += n[j] - 1;
  }
  const pooledSd = Math.sqrt(ss / df);
  const comparisons: PairwiseComparison[] = [];
  for (let j = 0; j < k - 1; j++) {
    for (let i = j + 1; i < k; i++) {
      const dif = means[i] - means[j];
      const t = dif / (pooledSd * Math.sqrt(1 / n[i] + 1 / n[j]));
      const p = alternative === 'two.sided' ? 2 * pt(-Math.abs(t), df) : pt(t, df, alternative === 'less');
      comparisons.push({ group1: levels[i], group2: levels[j], difference: dif, t, pUnadjusted: p, p: NaN });
    }
  }
  const adj = pAdjust(comparisons.map((c) => c.pUnadjusted), method);
  comparisons.forEach((c, i) => (c.p = adj[i]));
  return { method: 't tests with pooled SD', pAdjustMethod: method, alternative, levels, df, comparisons };
}
