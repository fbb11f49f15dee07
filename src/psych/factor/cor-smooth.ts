/**
 * psych's `cor.smooth(x, eig.tol = 1e-12)`: when the smallest eigenvalue of a correlation matrix is below
 * machine epsilon, eigenvalues under `eig.tol` are set to 100·eig.tol, all are rescaled to sum to n, the matrix
 * is rebuilt from the eigenvectors and returned to a correlation matrix with `cov2cor`. Otherwise the input is
 * returned unchanged (`smoothed: false`).
 */
import { eigenSymmetric } from '../../stats/eigen-symmetric.ts';
import { cov2cor } from '../../stats/matrix.ts';

export function corSmooth(r: Float64Array, n: number, eigTol = 1e-12): { r: Float64Array; smoothed: boolean } {
  for (let i = 0; i < r.length; i++) if (Number.isNaN(r[i])) return { r, smoothed: false };
  const { values, vectors } = eigenSymmetric(r, n);
  let min = Infinity;
  for (let k = 0; k < n; k++) min = Math.min(min, values[k]);
  if (!(min < 2.220446049250313e-16)) return { r, smoothed: false };
  let tot = 0;
  for (let k = 0; k < n; k++) {
    if (values[k] < eigTol) values[k] = 100 * eigTol;
    tot += values[k];
  }
  for (let k = 0; k < n; k++) values[k] = (values[k] * n) / tot;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * values[k] * vectors[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return { r: cov2cor(out, n), smoothed: true };
}
