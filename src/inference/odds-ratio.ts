import { pnorm, qnorm } from '../stats/distributions.ts';
import { cells2x2, type CountTable } from './contingency-table.ts';
import { checkConfLevel, type TestResult } from './test-result.ts';

/**
 * Sample odds ratio ad / bc for a 2×2 table [[a, b], [c, d]] with Woolf's logit interval (Woolf 1955;
 * Agresti 2013 §3.1.1; the fixture script writes the same formula in R):
 *
 *     SE(log OR) = √(1/a + 1/b + 1/c + 1/d),   CI = exp(log OR ± z_{1−α/2} SE),   z = log OR / SE
 *
 * This is the unconditional sample odds ratio, not fisher.test's conditional MLE. No correction for zero cells.
 */
export function oddsRatio(table: CountTable, options: { confLevel?: number } = {}): TestResult {
  const [a, b, c, d] = cells2x2(table);
  const confLevel = checkConfLevel(options.confLevel);
  const or = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = qnorm((1 + confLevel) / 2);
  const lor = Math.log(or);
  const stat = lor / se;
  return {
    method: 'Odds ratio (Woolf)',
    statistic: stat,
    statisticName: 'z',
    p: 2 * pnorm(-Math.abs(stat)),
    estimate: or,
    estimateName: 'odds ratio',
    ci: [Math.exp(lor - z * se), Math.exp(lor + z * se)],
    confLevel,
    n: a + b + c + d,
    alternative: 'two.sided',
    nullValue: 1,
  };
}
