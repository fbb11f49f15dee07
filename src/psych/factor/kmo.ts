/**
 * psych::KMO: the Kaiser-Meyer-Olkin measure of sampling adequacy, overall (MSA) and per item (MSAi), from a
 * correlation matrix. Q = cov2cor(solve(R)) (the anti-image correlations up to sign); MSA = Σr²/(Σr² + ΣQ²)
 * over off-diagonal elements, MSAi the same by column. When R cannot be inverted psych uses Q = R (and says
 * "matrix is not invertible, image not found"); that is reproduced, with a structured warning.
 */
import { inverse } from '../../stats/lu.ts';
import { cov2cor } from '../../stats/matrix.ts';
import type { FactorWarning } from './factor-warning.ts';

export interface KmoResult {
  overall: number;
  items: Float64Array;
  warnings: FactorWarning[];
}

/** 1-norm reciprocal condition number (R's solve refuses below machine epsilon). */
function rcond(a: Float64Array, inv: Float64Array, n: number): number {
  const norm1 = (m: Float64Array): number => {
    let best = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(m[i * n + j]);
      best = Math.max(best, s);
    }
    return best;
  };
  return 1 / (norm1(a) * norm1(inv));
}

/** R's `solve(r)` as psych calls it: the inverse, or null where R would stop (singular or rcond < eps). */
export function solveOrNull(r: Float64Array, n: number): Float64Array | null {
  const inv = inverse(r, n);
  if (inv === null || inv.some((v) => !Number.isFinite(v))) return null;
  return rcond(r, inv, n) < 2.220446049250313e-16 ? null : inv;
}

export function kmo(r: Float64Array, n: number): KmoResult {
  const warnings: FactorWarning[] = [];
  let q = solveOrNull(r, n);
  if (q === null) {
    warnings.push({ code: 'not_invertible', message: 'matrix is not invertible, image not found' });
    q = r.slice();
  }
  const image = cov2cor(q, n);
  let sumQ2 = 0;
  let sumR2 = 0;
  const colR = new Float64Array(n);
  const colQ = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = r[i * n + j] ** 2;
      const b = image[i * n + j] ** 2;
      sumR2 += a;
      sumQ2 += b;
      colR[j] += a;
      colQ[j] += b;
    }
  }
  const items = new Float64Array(n);
  for (let j = 0; j < n; j++) items[j] = colR[j] / (colR[j] + colQ[j]);
  return { overall: sumR2 / (sumR2 + sumQ2), items, warnings };
}
