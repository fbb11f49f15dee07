import { pchisq } from '../stats/distributions.ts';
import { checkCountTable, type CountTable } from './contingency-table.ts';
import type { TestResult } from './test-result.ts';

export interface ChisqTestOptions {
  /** Yates' continuity correction for a 2×2 table (default true, as R). */
  correct?: boolean;
}

export interface ChisqTestResult extends TestResult {
  observed: number[][];
  /** Expected counts under independence (row total × column total / n). */
  expected: number[][];
  /** Pearson residuals (observed − expected) / √expected. */
  residuals: number[][];
  /**
   * Cramér's V = √(X² / (n (min(r, c) − 1))) from the uncorrected X² (also when Yates' correction is applied to
   * the test).
   */
  cramersV: number;
}

/**
 * Pearson's chi-squared test of independence on an r×c table of counts, as R's chisq.test(matrix): Yates'
 * correction min(0.5, |O − E|) for a 2×2 table by default.
 */
export function chisqTest(table: CountTable, options: ChisqTestOptions = {}): ChisqTestResult {
  checkCountTable(table);
  const nr = table.length;
  const nc = table[0].length;
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  let n = 0;
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      rowSum[i] += table[i][j];
      colSum[j] += table[i][j];
      n += table[i][j];
    }
  }
  const expected = table.map((_, i) => Array.from(colSum, (cs) => (rowSum[i] * cs) / n));
  let yates = 0;
  if ((options.correct ?? true) && nr === 2 && nc === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(table[i][j] - expected[i][j]));
  }
  let stat = 0;
  let uncorrected = 0;
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      const e = expected[i][j];
      const d = Math.abs(table[i][j] - e);
      stat += (d - yates) ** 2 / e;
      uncorrected += (d * d) / e;
    }
  }
  const df = (nr - 1) * (nc - 1);
  return {
    method: "Pearson's Chi-squared test" + (yates > 0 ? " with Yates' continuity correction" : ''),
    statistic: stat,
    statisticName: 'X-squared',
    df,
    p: pchisq(stat, df, false),
    n,
    alternative: 'two.sided',
    observed: table.map((r) => [...r]),
    expected,
    residuals: table.map((r, i) => r.map((o, j) => (o - expected[i][j]) / Math.sqrt(expected[i][j]))),
    cramersV: Math.sqrt(uncorrected / (n * (Math.min(nr, nc) - 1))),
    effectSize: { name: 'V', value: Math.sqrt(uncorrected / (n * (Math.min(nr, nc) - 1))) },
  };
}
