/**
 * psych's `smc(R, covar)`: squared multiple correlations of each variable on all the others,
 * `1 - 1/diag(Pinv(cov2cor(R)))`, values above 1 set to 1 and below 0 set to 0; with `covar = true` the result
 * is multiplied by the variances (the diagonal of the input).
 *
 * Not ported: psych's fallback for a matrix containing NA (it re-estimates from the non-NA part and prints a
 * warning). Here any NaN in the matrix gives NaN SMCs, which the callers propagate.
 */
import { cov2cor, pinv } from './matrix.ts';

export function smc(m: Float64Array, n: number, covar = false): Float64Array {
  const r = cov2cor(m, n);
  const inv = pinv(r, n);
  const out = new Float64Array(n);
  let anyNaN = false;
  for (let i = 0; i < n; i++) {
    out[i] = 1 - 1 / inv[i * n + i];
    if (Number.isNaN(out[i])) anyNaN = true;
  }
  if (anyNaN) return out.fill(NaN);
  for (let i = 0; i < n; i++) {
    if (out[i] > 1) out[i] = 1;
    if (out[i] < 0) out[i] = 0;
  }
  if (covar) for (let i = 0; i < n; i++) out[i] *= m[i * n + i];
  return out;
}
