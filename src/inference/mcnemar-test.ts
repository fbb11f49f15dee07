import { StaffwellError } from '../errors.ts';
import { pchisq } from '../stats/distributions.ts';
import { checkCountTable, type CountTable } from './contingency-table.ts';
import type { TestResult } from './test-result.ts';

/**
 * McNemar's test of symmetry of a square table of paired categories (rows: the first measurement, columns: the
 * second), as R's mcnemar.test: X² = Σ_{i<j} (n_ij − n_ji)² / (n_ij + n_ji) on r(r − 1)/2 df, with the
 * continuity correction (|n_ij − n_ji| − 1)² for a 2×2 table by default. A pair of cells that are both zero
 * makes the statistic NaN, as R.
 */
export function mcnemarTest(table: CountTable, options: { correct?: boolean } = {}): TestResult {
  checkCountTable(table);
  const r = table.length;
  if (table[0].length !== r) {
    throw new StaffwellError('invalid-option', "McNemar's test needs a square table (the same categories twice)", {
      field: 'table',
      value: `${r}×${table[0].length}`,
      hint: 'Give the paired answers as rows (first) by columns (second), with the same levels',
    });
  }
  let differs = false;
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) if (table[i][j] !== table[j][i]) differs = true;
  const correct = (options.correct ?? true) && r === 2 && differs;
  let stat = 0;
  let n = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      n += table[i][j];
      if (j <= i) continue;
      const d = correct ? Math.abs(table[i][j] - table[j][i]) - 1 : table[i][j] - table[j][i];
      stat += (d * d) / (table[i][j] + table[j][i]);
    }
  }
  const df = (r * (r - 1)) / 2;
  return {
    method: "McNemar's Chi-squared test" + (correct ? ' with continuity correction' : ''),
    statistic: stat,
    statisticName: "McNemar's chi-squared",
    df,
    p: pchisq(stat, df, false),
    n,
    alternative: 'two.sided',
  };
}
