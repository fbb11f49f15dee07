/**
 * psych::cortest.bartlett(R, n): Bartlett's test of sphericity, chisq = −log(det R)·(n − 1 − (2p + 5)/6) on
 * p(p − 1)/2 degrees of freedom (the diagonal set to 1 first, as psych's `diag = TRUE`). psych assumes n = 100
 * with a warning when n is not given; here n is required.
 */
import { pchisq } from '../../stats/distributions.ts';
import { determinant } from '../../stats/lu.ts';

export interface BartlettResult {
  chisq: number;
  df: number;
  p: number;
}

export function bartlettSphericity(r: Float64Array, p: number, n: number): BartlettResult {
  const m = r.slice(0, p * p);
  for (let i = 0; i < p; i++) m[i * p + i] = 1;
  const chisq = -Math.log(determinant(m, p)) * (n - 1 - (2 * p + 5) / 6);
  const df = (p * (p - 1)) / 2;
  return { chisq, df, p: pchisq(chisq, df, false) };
}
