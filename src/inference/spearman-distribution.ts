import { pnorm } from '../stats/distributions.ts';

/**
 * P(S >= is) (or P(S < is) with `lowerTail`) for Spearman's S = (n³ − n)(1 − ρ)/6 under independence: R's
 * prho (AS 89, Best & Roberts 1975, as in R's src/library/stats/src/prho.c): exact enumeration of the n!
 * permutations for n ≤ 9, the Edgeworth series otherwise.
 */
export function prho(n: number, is: number, lowerTail: boolean): number {
  const c1 = 0.2274;
  const c2 = 0.2531;
  const c3 = 0.1745;
  const c4 = 0.0758;
  const c5 = 0.1033;
  const c6 = 0.3932;
  const c7 = 0.0879;
  const c8 = 0.0151;
  const c9 = 0.0072;
  const c10 = 0.0831;
  const c11 = 0.0131;
  const c12 = 4.6e-4;
  let pv = lowerTail ? 0 : 1;
  if (n <= 1) return pv;
  if (is <= 0) return pv;
  const n3 = (n * (n * n - 1)) / 3;
  if (is > n3) return 1 - pv;
  if (n <= 9) {
    const l = new Int32Array(n);
    let nfac = 1;
    for (let i = 1; i <= n; i++) {
      nfac *= i;
      l[i - 1] = i;
    }
    let ifr: number;
    if (is === n3) ifr = 1;
    else {
      ifr = 0;
      for (let m = 0; m < nfac; m++) {
        let ise = 0;
        for (let i = 0; i < n; i++) {
          const d = i + 1 - l[i];
          ise += d * d;
        }
        if (is <= ise) ifr++;
        let n1 = n;
        let mt: number;
        do {
          mt = l[0];
          for (let i = 1; i < n1; i++) l[i - 1] = l[i];
          --n1;
          l[n1] = mt;
        } while (mt === n1 + 1 && n1 > 1);
      }
    }
    return (lowerTail ? nfac - ifr : ifr) / nfac;
  }
  let y = n;
  const b = 1 / y;
  const x = ((6 * (is - 1) * b) / (y * y - 1) - 1) * Math.sqrt(y - 1);
  y = x * x;
  const u =
    x *
    b *
    (c1 + b * (c2 + c3 * b) + y * (-c4 + b * (c5 + c6 * b) - y * b * (c7 + c8 * b - y * (c9 - c10 * b + y * b * (c11 - c12 * y)))));
  y = u / Math.exp(y / 2);
  pv = (lowerTail ? -y : y) + pnorm(x, 0, 1, lowerTail);
  if (pv < 0) pv = 0;
  if (pv > 1) pv = 1;
  return pv;
}
