import { pnorm, qnorm } from '../stats/distributions.ts';
import { cells2x2, type CountTable } from './contingency-table.ts';
import { checkConfLevel, type TestResult } from './test-result.ts';

/**
 * Risk difference p1 − p2 for a 2×2 table [[a, b], [c, d]] (rows: group 1, group 2; columns: cases, non-cases),
 * p1 = a/(a+b), p2 = c/(c+d), with the Wald interval and Wald z test (R has no base function; the fixture script
 * writes the same textbook formula):
 *
 *     SE = √(p1(1 − p1)/n1 + p2(1 − p2)/n2),   CI = RD ± z_{1−α/2} SE,   z = RD / SE
 *
 * (Agresti, Categorical Data Analysis, 3rd ed., 2013, §3.1.2). No correction for zero cells.
 */
export function riskDifference(table: CountTable, options: { confLevel?: number } = {}): TestResult {
  const [a, b, c, d] = cells2x2(table);
  const confLevel = checkConfLevel(options.confLevel);
  const n1 = a + b;
  const n2 = c + d;
  const p1 = a / n1;
  const p2 = c / n2;
  const rd = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const z = qnorm((1 + confLevel) / 2);
  const stat = rd / se;
  return {
    method: 'Risk difference (Wald)',
    statistic: stat,
    statisticName: 'z',
    p: 2 * pnorm(-Math.abs(stat)),
    estimate: rd,
    estimateName: 'risk difference',
    ci: [rd - z * se, rd + z * se],
    confLevel,
    n: { 'n 1': n1, 'n 2': n2 },
    alternative: 'two.sided',
    nullValue: 0,
  };
}
