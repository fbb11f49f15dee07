import { pnorm, qnorm } from '../stats/distributions.ts';
import type { Alternative } from './test-result.ts';
import { uniroot } from './uniroot.ts';

/** R's wilcox.test `tol.root`: the tolerance of its uniroot calls for the normal-approximation interval. */
export const WILCOX_TOL_ROOT = 1e-4;

/** R's median: the middle value, or the mean of the two middle values, of sorted values. */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

/** The interval and estimate of a rank test, and the confidence level actually reached (R may lower it). */
export interface RankInterval {
  ci: [number, number];
  estimate: number;
  confLevel: number;
}

/**
 * The normal-approximation interval of wilcox.test(conf.int = TRUE): the shifts d where the standardised
 * statistic `z(d, correct)` equals the normal quantiles, found by R's uniroot with tol.root between the smallest
 * and largest possible shift, and the estimate where z(d) = 0 without continuity correction. `widen` is the
 * signed-rank test's behaviour (alpha doubled until the quantiles are inside the range); the rank-sum test instead
 * returns the end of the range (`clamp`).
 */
export function normalRankInterval(
  z: (d: number, correct: boolean) => number,
  lo: number,
  hi: number,
  alternative: Alternative,
  confLevel: number,
  correct: boolean,
  mode: 'widen' | 'clamp',
  medianFallback: number,
): RankInterval {
  const zlo = z(lo, correct);
  const zhi = z(hi, correct);
  const root = (zq: number): number => {
    const fl = zlo - zq;
    const fu = zhi - zq;
    if (mode === 'clamp') {
      if (fl <= 0) return lo;
      if (fu >= 0) return hi;
    }
    return uniroot((d) => z(d, correct) - zq, lo, hi, WILCOX_TOL_ROOT, 1000, fl, fu);
  };
  let alpha = 1 - confLevel;
  let level = confLevel;
  let ci: [number, number];
  if (mode === 'clamp') {
    ci =
      alternative === 'two.sided'
        ? [root(qnorm(1 - alpha / 2)), root(qnorm(alpha / 2))]
        : alternative === 'greater'
          ? [root(qnorm(1 - alpha)), Infinity]
          : [-Infinity, root(qnorm(alpha))];
  } else {
    const upperQ = (a: number): number => -qnorm(a); // qnorm(a, lower.tail = FALSE)
    if (alternative === 'two.sided') {
      while (zlo - upperQ(alpha / 2) < 0 || zhi - qnorm(alpha / 2) > 0) alpha *= 2;
    } else if (alternative === 'greater') {
      while (zlo - upperQ(alpha) < 0) alpha *= 2;
    } else {
      while (zhi - qnorm(alpha / 2) > 0) alpha *= 2;
    }
    if (alpha >= 1 || 1 - confLevel < alpha * 0.75) level = 1 - Math.min(1, alpha);
    if (alternative === 'two.sided') ci = alpha < 1 ? [root(upperQ(alpha / 2)), root(qnorm(alpha / 2))] : [medianFallback, medianFallback];
    else if (alternative === 'greater') ci = [alpha < 1 ? root(upperQ(alpha)) : medianFallback, Infinity];
    else ci = [-Infinity, alpha < 1 ? root(qnorm(alpha)) : medianFallback];
  }
  const estimate = uniroot((d) => z(d, false), lo, hi, WILCOX_TOL_ROOT);
  return { ci, estimate, confLevel: level };
}

/**
 * The exact interval of wilcox.test(conf.int = TRUE) from the sorted Walsh averages (signed rank) or pairwise
 * differences (rank sum): order statistics at the null distribution's quantile `quantile(p)`, the estimate their
 * median, and the confidence level lowered as R lowers it when the requested one is not achievable.
 */
export function exactRankInterval(
  sorted: Float64Array,
  total: number,
  quantile: (p: number) => number,
  lowerCdf: (q: number) => number,
  alternative: Alternative,
  confLevel: number,
  roundLevel: boolean,
): RankInterval {
  const alpha = 1 - confLevel;
  let qu = quantile(alternative === 'two.sided' ? alpha / 2 : alpha);
  if (qu === 0) qu = 1;
  const ql = total - qu;
  let achieved = lowerCdf(Math.trunc(qu) - 1);
  if (alternative === 'two.sided') achieved *= 2;
  const ci: [number, number] =
    alternative === 'two.sided' ? [sorted[qu - 1], sorted[ql]] : alternative === 'greater' ? [sorted[qu - 1], Infinity] : [-Infinity, sorted[ql]];
  let level = confLevel;
  if (achieved - alpha > alpha / 2) level = 1 - (roundLevel ? signif2(achieved) : achieved);
  return { ci, estimate: sortedMedian(sorted), confLevel: level };
}

function signif2(x: number): number {
  if (x === 0) return 0;
  const e = Math.floor(Math.log10(Math.abs(x))) - 1;
  const f = Math.pow(10, e);
  return Math.round(x / f) * f;
}

/** Two-sided normal p-value of a standardised statistic, R's 2 * min(pnorm(z), pnorm(z, lower.tail = FALSE)). */
export function normalP(z: number, alternative: Alternative): number {
  return alternative === 'less' ? pnorm(z) : alternative === 'greater' ? pnorm(z, 0, 1, false) : 2 * Math.min(pnorm(z), pnorm(z, 0, 1, false));
}
