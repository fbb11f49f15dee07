/**
 * Velicer's minimum average partial (psych::VSS's `map`): for m = 1 .. n (at most p − 1) principal components
 * partialled out of r, the mean squared off-diagonal partial correlation; the number of factors it suggests is
 * the m with the smallest value.
 */
import { eigenSymmetric } from '../../stats/eigen-symmetric.ts';

export function velicerMap(r: Float64Array, p: number, n = 8): { map: Float64Array; nfactors: number } {
  const m = Math.min(n, p);
  const { values, vectors } = eigenSymmetric(r, p);
  const out = new Float64Array(m).fill(NaN);
  const upto = m >= p ? p - 1 : m;
  const c = r.slice();
  for (let i = 0; i < upto; i++) {
    const s = Math.sqrt(values[i]);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) c[a * p + b] -= vectors[a * p + i] * s * vectors[b * p + i] * s;
    let sum = 0;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        if (a === b) continue;
        const v = c[a * p + b] / Math.sqrt(c[a * p + a] * c[b * p + b]);
        sum += v * v;
      }
    }
    out[i] = sum / (p * (p - 1));
  }
  let best = 0;
  for (let i = 1; i < upto; i++) if (out[i] < out[best]) best = i;
  return { map: out, nfactors: best + 1 };
}
