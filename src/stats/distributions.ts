/**
 * Distribution functions, taken from @stdlib (exact tails; see ../shared/reference/ecosystem-measurements.md §3)
 * and named as in R so that ports of R code read the same. Upper tails are computed directly, never as 1 - cdf.
 */
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import tquantile from '@stdlib/stats-base-dists-t-quantile';
import fcdf from '@stdlib/stats-base-dists-f-cdf';
import fquantile from '@stdlib/stats-base-dists-f-quantile';
import chisqcdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisqquantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normcdf from '@stdlib/stats-base-dists-normal-cdf';
import normquantile from '@stdlib/stats-base-dists-normal-quantile';
import betaquantile from '@stdlib/stats-base-dists-beta-quantile';
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import ptukeyStd from '@stdlib/stats-base-dists-studentized-range-cdf';
import qtukeyStd from '@stdlib/stats-base-dists-studentized-range-quantile';

/** P(T <= q) for Student's t with `df` degrees of freedom; `lower = false` gives P(T > q). */
export function pt(q: number, df: number, lower = true): number {
  if (Number.isNaN(q) || Number.isNaN(df) || df <= 0) return NaN;
  // Symmetry keeps full relative precision in the far tail.
  return lower ? tcdf(q, df) : tcdf(-q, df);
}

export function qt(p: number, df: number): number {
  return tquantile(p, df);
}

/** P(F <= q) with (df1, df2); upper tail through the regularised incomplete beta directly. */
export function pf(q: number, df1: number, df2: number, lower = true): number {
  if (Number.isNaN(q) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (lower) return fcdf(q, df1, df2);
  if (q <= 0) return 1;
  if (q === Infinity) return 0;
  const x = df2 / (df2 + df1 * q);
  return betainc(x, df2 / 2, df1 / 2, true, false);
}

export function qf(p: number, df1: number, df2: number): number {
  return fquantile(p, df1, df2);
}

/** P(X <= q) for chi-square(df); upper tail through the regularised upper incomplete gamma. */
export function pchisq(q: number, df: number, lower = true): number {
  if (Number.isNaN(q) || !(df > 0)) return NaN;
  if (lower) return chisqcdf(q, df);
  if (q <= 0) return 1;
  if (q === Infinity) return 0;
  return gammainc(q / 2, df / 2, true, true);
}

export function qchisq(p: number, df: number): number {
  return chisqquantile(p, df);
}

export function pnorm(q: number, mean = 0, sd = 1, lower = true): number {
  return lower ? normcdf(q, mean, sd) : normcdf(-q, -mean, sd);
}

export function qnorm(p: number, mean = 0, sd = 1): number {
  return normquantile(p, mean, sd);
}

export function qbeta(p: number, a: number, b: number): number {
  return betaquantile(p, a, b);
}

/** Regularised incomplete beta I_x(a, b) (upper = 1 - I_x computed directly). */
export function pbetaRaw(x: number, a: number, b: number, upper = false): number {
  return betainc(x, a, b, true, upper);
}

/** Studentized range distribution (R's ptukey with nranges = 1). */
export function ptukey(q: number, nmeans: number, df: number, lower = true): number {
  const p = ptukeyStd(q, nmeans, df);
  return lower ? p : 1 - p;
}

export function qtukey(p: number, nmeans: number, df: number): number {
  return qtukeyStd(p, nmeans, df);
}
