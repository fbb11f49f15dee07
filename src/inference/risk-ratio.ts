import { pnorm, qnorm } from '../stats/distributions.ts';
import { cells2x2, type CountTable } from './contingency-table.ts';
import { checkConfLevel, type TestResult } from './test-result.ts';

/**
 * Risk ratio p1 / p2 for a 2×2 table [[a, b], [c, d]] (rows: group 1, group 2; columns: cases, non-cases),
 * with the Wald interval on the log scale (Katz et al. 1978; Agresti 2013 §3.1.4; the fixture script writes
 * the same formula in R):
 *
 *     SE(log RR) = √(1/a − 1/n1 + 1/c − 1/n2),   CI = exp(log RR ± z_{1−α/2} SE),   z = log RR / SE
 *
 * No correction for zero cells (a zero gives RR 0 or ∞ and an undefined interval, returned as computed).
 */
export function riskRatio(table: CountTable, options: { confLevel?: number } = {}): TestResult {
  const [a, b, c, d] = cells2x2(table);
  const confLevel = checkConfLevel(options.confLevel);
  const n1 = a + b;
  const n2 = c + d;
  const rr = a / n1 / (c / n2);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const z = qnorm((1 + confLevel) / 2);
  const lr = Math.log(rr);
  const stat = lr / se;
  return {
    method: 'Risk ratio (Wald, log scale)',
    statistic: stat,
    statisticName: 'z',
    p: 2 * pnorm(-Math.abs(stat)),
    estimate: rr,
    estimateName: 'risk ratio',
    ci: [Math.exp(lr - z * se), Math.exp(lr + z * se)],
    confLevel,
    n: { 'n 1': n1, 'n 2': n2 },
    alternative: 'two.sided',
    nullValue: 1,
  };
}
