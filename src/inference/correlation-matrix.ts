import { StaffwellError } from '../errors.ts';
import { correlationTest, type CorrelationMethod } from './correlation-test.ts';
import type { NumericInput } from './test-result.ts';

export interface CorrelationMatrixResult {
  method: CorrelationMethod;
  names: string[];
  /** r (Pearson) or ρ (Spearman); 1 on the diagonal. */
  r: number[][];
  /** Pairs used (pairwise deletion); the diagonal holds each variable's non-missing count. */
  n: number[][];
  /** Two-sided p of cor.test (NaN on the diagonal). */
  p: number[][];
  /** t (Pearson) or S (Spearman) (NaN on the diagonal). */
  statistic: number[][];
  /** Pearson only: Fisher-z 95% (confLevel) interval as cor.test, NaN when n ≤ 3 and on the diagonal. */
  ciLower?: number[][];
  ciUpper?: number[][];
  confLevel: number;
}

/**
 * Correlation matrix with pairwise deletion: each pair of columns is tested with R's cor.test on the rows where
 * both are present (Pearson with Fisher-z CI, or Spearman with average ranks, exact AS 89 p for n < 1290
 * without ties, otherwise the t approximation).
 */
export function correlationMatrix(
  columns: readonly NumericInput[],
  names: readonly string[],
  options: { method?: CorrelationMethod; confLevel?: number } = {},
): CorrelationMatrixResult {
  if (columns.length !== names.length) {
    throw new StaffwellError('invalid-option', 'give one name per column', {
      field: 'names',
      value: `${columns.length} columns, ${names.length} names`,
      hint: 'Name every column',
    });
  }
  const method = options.method ?? 'pearson';
  const confLevel = options.confLevel ?? 0.95;
  const k = columns.length;
  const grid = (fill: number): number[][] => Array.from({ length: k }, () => new Array<number>(k).fill(fill));
  const r = grid(NaN);
  const n = grid(0);
  const p = grid(NaN);
  const statistic = grid(NaN);
  const lo = grid(NaN);
  const hi = grid(NaN);
  for (let i = 0; i < k; i++) {
    let cnt = 0;
    for (let t = 0; t < columns[i].length; t++) if (!Number.isNaN(columns[i][t])) cnt++;
    n[i][i] = cnt;
    r[i][i] = 1;
    for (let j = 0; j < i; j++) {
      const res = correlationTest(columns[i], columns[j], { method, confLevel });
      for (const [a, b] of [
        [i, j],
        [j, i],
      ]) {
        r[a][b] = res.estimate as number;
        n[a][b] = res.n as number;
        p[a][b] = res.p;
        statistic[a][b] = res.statistic;
        if (res.ci) {
          lo[a][b] = res.ci[0];
          hi[a][b] = res.ci[1];
        }
      }
    }
  }
  return {
    method,
    names: [...names],
    r,
    n,
    p,
    statistic,
    ...(method === 'pearson' ? { ciLower: lo, ciUpper: hi } : {}),
    confLevel,
  };
}
