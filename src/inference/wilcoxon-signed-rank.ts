import { StaffwellError } from '../errors.ts';
import { averageRanks } from './rank.ts';
import { exactRankInterval, normalP, normalRankInterval, sortedMedian } from './hodges-lehmann.ts';
import { checkAlternative, checkConfLevel, checkFinite, type Alternative, type NumericInput, type TestResult } from './test-result.ts';

export interface SignedRankOptions {
  alternative?: Alternative;
  /** Location (one sample) or location shift (paired) under the null (default 0). */
  mu?: number;
  /**
   * Exact p-value and interval; default as R: exact when fewer than 50 non-zero differences, no ties and no
   * zeroes. An explicit `exact: true` is honoured up to n = 1000 (beyond that the normal approximation is used).
   */
  exact?: boolean;
  /** Continuity correction of the normal approximation (default true, as R). */
  correct?: boolean;
  /** Hodges–Lehmann estimate (the pseudo-median) and its interval, as R's conf.int = TRUE (default true). */
  confInt?: boolean;
  confLevel?: number;
}

/**
 * Wilcoxon signed-rank test, as R's wilcox.test(x, mu = ) or wilcox.test(x, y, paired = TRUE) (pairs with a
 * missing value dropped; zero differences dropped): V = sum of the ranks of the positive differences; exact p
 * from the null distribution when small without ties or zeroes, else the normal approximation with tie and
 * continuity corrections. With `confInt` (default) the Hodges–Lehmann estimate ("(pseudo)median") and interval:
 * exact from the Walsh averages, otherwise by inverting the normal approximation with R's uniroot (tol 1e-4, so
 * estimate and interval carry that tolerance exactly as R's do).
 */
export function wilcoxonSignedRank(x: NumericInput, y?: NumericInput, options: SignedRankOptions = {}): TestResult {
  const alternative = checkAlternative(options.alternative);
  const mu = checkFinite(options.mu, 'mu', 0);
  const confLevel = checkConfLevel(options.confLevel);
  const correct = options.correct ?? true;
  const confInt = options.confInt ?? true;
  if (y && y.length !== x.length) {
    throw new StaffwellError('invalid-option', 'paired samples must have the same length', {
      field: 'y',
      value: `${x.length} and ${y.length}`,
      hint: 'Give one value of each measurement per person',
    });
  }
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = y ? x[i] - y[i] : x[i];
    if (!Number.isNaN(v)) d.push(v);
  }
  const nullValue = mu;
  const shifted = d.map((v) => v - mu);
  const zeroes = shifted.some((v) => v === 0);
  const nz = shifted.filter((v) => v !== 0);
  const n = nz.length;
  const base = { statisticName: 'V', n: d.length, alternative, nullValue };
  const name = 'Wilcoxon signed rank test';
  if (d.length === 0) return { method: name, ...base, statistic: NaN, p: NaN };
  const abs = Float64Array.from(nz, Math.abs);
  const { ranks, tieSum, hasTies } = averageRanks(abs);
  let V = 0;
  for (let i = 0; i < n; i++) if (nz[i] > 0) V += ranks[i];
  const exact = (options.exact ?? n < 50) && n <= 1000;
  if (exact && !hasTies && !zeroes) {
    const dist = signRankDistribution(n);
    let p: number;
    if (alternative === 'two.sided') p = Math.min(2 * (V > (n * (n + 1)) / 4 ? dist.upper(V - 1) : dist.lower(V)), 1);
    else p = alternative === 'greater' ? dist.upper(V - 1) : dist.lower(V);
    const out: TestResult = { method: 'Wilcoxon signed rank exact test', ...base, statistic: V, p };
    if (confInt) {
      const walsh = new Float64Array((n * (n + 1)) / 2);
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh[k++] = (d[i] + d[j]) / 2;
      walsh.sort();
      const r = exactRankInterval(walsh, (n * (n + 1)) / 2, dist.quantile, dist.lower, alternative, confLevel, true);
      Object.assign(out, { estimate: r.estimate, estimateName: '(pseudo)median', ci: r.ci, confLevel: r.confLevel });
    }
    return out;
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  let z = V - (n * (n + 1)) / 4;
  const correction = correct ? (alternative === 'two.sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5) : 0;
  z = (z - correction) / sigma;
  const out: TestResult = {
    method: name + (correct ? ' with continuity correction' : ''),
    ...base,
    statistic: V,
    p: normalP(z, alternative),
  };
  if (confInt) {
    // R's interval works on the non-zero differences with mu added back.
    const xs = Float64Array.from(nz, (v) => v + mu);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of xs) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const zAt = (shift: number, cc: boolean): number => signedRankZ(xs, shift, cc, alternative);
    if (n === 0 || !Number.isFinite(zAt(lo, correct)) || !Number.isFinite(zAt(hi, correct))) {
      Object.assign(out, {
        ci: [alternative === 'less' ? -Infinity : NaN, alternative === 'greater' ? Infinity : NaN],
        confLevel: 0,
        estimate: n > 0 ? (lo + hi) / 2 : NaN,
        estimateName: n > 0 ? 'midrange' : '(pseudo)median',
      });
    } else {
      const r = normalRankInterval(zAt, lo, hi, alternative, confLevel, correct, 'widen', sortedMedian(Float64Array.from(xs).sort()));
      Object.assign(out, { estimate: r.estimate, estimateName: '(pseudo)median', ci: r.ci, confLevel: r.confLevel });
    }
  }
  return out;
}

/** The standardised signed-rank statistic of xs − shift (zeroes dropped), as R's W(d) inside wilcox.test. */
function signedRankZ(xs: Float64Array, shift: number, cc: boolean, alternative: Alternative): number {
  const xd: number[] = [];
  for (const v of xs) if (v - shift !== 0) xd.push(v - shift);
  const m = xd.length;
  const rr = averageRanks(Float64Array.from(xd, Math.abs));
  let s = 0;
  for (let i = 0; i < m; i++) if (xd[i] > 0) s += rr.ranks[i];
  const zd = s - (m * (m + 1)) / 4;
  const sd = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - rr.tieSum / 48);
  const c = cc ? (alternative === 'two.sided' ? Math.sign(zd) * 0.5 : alternative === 'greater' ? 0.5 : -0.5) : 0;
  return (zd - c) / sd;
}

interface SignRankDistribution {
  /** P(V <= q), R's psignrank. */
  lower(q: number): number;
  /** P(V > q). */
  upper(q: number): number;
  /** R's qsignrank. */
  quantile(p: number): number;
}

const cache = new Map<number, SignRankDistribution>();

/** The exact null distribution of V for n untied non-zero differences (R's csignrank counts, summed as R does). */
function signRankDistribution(n: number): SignRankDistribution {
  let dist = cache.get(n);
  if (dist) return dist;
  const u = (n * (n + 1)) / 2;
  const c = new Float64Array(u + 1);
  c[0] = 1;
  for (let t = 1; t <= n; t++) for (let k = Math.min(u, (t * (t + 1)) / 2); k >= t; k--) c[k] += c[k - t];
  const f = Math.exp(-n * Math.LN2);
  const cdf = (q: number, lowerTail: boolean): number => {
    let x = Math.round(q + 1e-7);
    if (x < 0) return lowerTail ? 0 : 1;
    if (x >= u) return lowerTail ? 1 : 0;
    let p = 0;
    let lt = lowerTail;
    if (x <= u / 2) for (let i = 0; i <= x; i++) p += c[i] * f;
    else {
      x = u - x;
      for (let i = 0; i < x; i++) p += c[i] * f;
      lt = !lt;
    }
    return lt ? p : 0.5 - p + 0.5;
  };
  const quantile = (pIn: number): number => {
    let x = pIn;
    let p = 0;
    let q = 0;
    if (x <= 0.5) {
      x = x - 10 * 2.220446049250313e-16;
      for (;;) {
        p += c[q] * f;
        if (p >= x) break;
        q++;
      }
      return q;
    }
    x = 1 - x + 10 * 2.220446049250313e-16;
    for (;;) {
      p += c[q] * f;
      if (p > x) return u - q;
      q++;
    }
  };
  dist = { lower: (q) => cdf(q, true), upper: (q) => cdf(q, false), quantile };
  cache.set(n, dist);
  return dist;
}
