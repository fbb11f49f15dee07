/**
 * R's pchisq(q, df, ncp) for a non-central chi-square: the Poisson mixture Σ_k Pois(k; ncp/2)·P(χ²_{df+2k} <= q),
 * summed outwards from the Poisson mode until the weights are negligible (about 1e-15 absolute). R computes the
 * same sum by its own recurrences (pnchisq_raw, accurate to about 1e-12); psych's fa.stats uses it for the
 * RMSEA confidence interval.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { pchisq } from './distributions.ts';

export function pnchisq(q: number, df: number, ncp: number, lower = true): number {
  if (!(ncp > 0)) return pchisq(q, df, lower);
  if (!(q > 0)) return lower ? 0 : 1;
  const lambda = ncp / 2;
  const mode = Math.floor(lambda);
  const weight = (k: number): number => Math.exp(-lambda + k * Math.log(lambda) - gammaln(k + 1));
  let sum = 0;
  for (let k = mode; ; k++) {
    const w = weight(k);
    sum += w * pchisq(q, df + 2 * k, lower);
    if (w < 1e-17 && k > mode + 5) break;
  }
  for (let k = mode - 1; k >= 0; k--) {
    const w = weight(k);
    sum += w * pchisq(q, df + 2 * k, lower);
    if (w < 1e-17 && k < mode - 5) break;
  }
  return sum;
}
