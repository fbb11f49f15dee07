import { averageRanks } from './rank.ts';
import { dropMissing } from './sample.ts';
import { exactRankInterval, normalP, normalRankInterval } from './hodges-lehmann.ts';
import { checkAlternative, checkConfLevel, checkFinite, type Alternative, type NumericInput, type TestResult } from './test-result.ts';

export interface MannWhitneyOptions {
  alternative?: Alternative;
  /** Location shift under the null (default 0). */
  mu?: number;
  /**
   * Exact p-value; default as R: exact when both samples have fewer than 50 values and there are no ties. An
   * explicit `exact: true` is honoured up to nx·ny·min(nx, ny) = 2e7 (memory of the exact distribution); beyond
   * that the normal approximation is used.
   */
  exact?: boolean;
  /** Continuity correction of the normal approximation (default true, as R). */
  correct?: boolean;
  /**
   * Hodges–Lehmann estimate of the location shift ("difference in location") and its interval, as R's
   * conf.int = TRUE (default true): exact from the sorted pairwise differences, otherwise by inverting the normal
   * approximation with R's uniroot (tol 1e-4).
   */
  confInt?: boolean;
  confLevel?: number;
}

/**
 * Wilcoxon rank-sum (Mann–Whitney) test of x against y, as R's wilcox.test(x, y): W = rank sum of x −
 * nx(nx + 1)/2; exact p from the null distribution of W when both samples are small and untied, otherwise the
 * normal approximation with tie correction and (by default) continuity correction.
 */
export function mannWhitney(x: NumericInput, y: NumericInput, options: MannWhitneyOptions = {}): TestResult {
  const alternative = checkAlternative(options.alternative);
  const mu = checkFinite(options.mu, 'mu', 0);
  const correct = options.correct ?? true;
  const confInt = options.confInt ?? true;
  const confLevel = checkConfLevel(options.confLevel);
  const vx = dropMissing(x);
  const vy = dropMissing(y);
  const nx = vx.length;
  const ny = vy.length;
  const all = new Float64Array(nx + ny);
  for (let i = 0; i < nx; i++) all[i] = vx[i] - mu;
  all.set(vy, nx);
  const { ranks, tieSum, hasTies } = averageRanks(all);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += ranks[i];
  const W = rx - (nx * (nx + 1)) / 2;
  const exact = (options.exact ?? (nx < 50 && ny < 50)) && nx * ny * Math.min(nx, ny) <= 2e7;
  const base = { statistic: W, statisticName: 'W', n: { x: nx, y: ny }, alternative, nullValue: mu };
  if (nx === 0 || ny === 0) return { method: 'Wilcoxon rank sum test', ...base, statistic: NaN, p: NaN };
  if (exact && !hasTies) {
    const dist = wilcoxDistribution(nx, ny);
    let p: number;
    if (alternative === 'two.sided') {
      p = W > (nx * ny) / 2 ? dist.upper(W - 1) : dist.lower(W);
      p = Math.min(2 * p, 1);
    } else if (alternative === 'greater') p = dist.upper(W - 1);
    else p = dist.lower(W);
    const out: TestResult = { method: 'Wilcoxon rank sum exact test', ...base, p };
    if (confInt) {
      const diffs = new Float64Array(nx * ny);
      for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) diffs[i * ny + j] = vx[i] - vy[j];
      diffs.sort();
      const r = exactRankInterval(diffs, nx * ny, dist.quantile, dist.lower, alternative, confLevel, false);
      Object.assign(out, { estimate: r.estimate, estimateName: 'difference in location', ci: r.ci, confLevel: r.confLevel });
    }
    return out;
  }
  let z = W - (nx * ny) / 2;
  const N = nx + ny;
  const sigma = Math.sqrt(((nx * ny) / 12) * (N + 1 - tieSum / (N * (N - 1))));
  let correction = 0;
  if (correct) correction = alternative === 'two.sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
  z = (z - correction) / sigma;
  const out: TestResult = { method: 'Wilcoxon rank sum test' + (correct ? ' with continuity correction' : ''), ...base, p: normalP(z, alternative) };
  if (confInt) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const v of vx) (minX = Math.min(minX, v)), (maxX = Math.max(maxX, v));
    for (const v of vy) (minY = Math.min(minY, v)), (maxY = Math.max(maxY, v));
    const shifted = new Float64Array(N);
    shifted.set(vy, nx);
    const zAt = (d: number, cc: boolean): number => {
      for (let i = 0; i < nx; i++) shifted[i] = vx[i] - d;
      const rr = averageRanks(shifted);
      let s = 0;
      for (let i = 0; i < nx; i++) s += rr.ranks[i];
      const dz = s - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
      const c = cc ? (alternative === 'two.sided' ? Math.sign(dz) * 0.5 : alternative === 'greater' ? 0.5 : -0.5) : 0;
      return (dz - c) / Math.sqrt(((nx * ny) / 12) * (N + 1 - rr.tieSum / (N * (N - 1))));
    };
    const r = normalRankInterval(zAt, minX - maxY, maxX - minY, alternative, confLevel, correct, 'clamp', NaN);
    Object.assign(out, { estimate: r.estimate, estimateName: 'difference in location', ci: r.ci, confLevel: r.confLevel });
  }
  return out;
}

/**
 * Frequencies of the Mann–Whitney W for sample sizes (m, n) under the null: f[w] = number of m-subsets of
 * 1..m+n whose rank sum minus m(m+1)/2 is w (R's cwilcox), built by adding one rank at a time: rank t chosen as
 * the j-th smallest of the subset adds t − j (the unchosen ranks below it) to W.
 */
function wilcoxCounts(m: number, n: number): Float64Array {
  const maxW = m * n;
  const table: Float64Array[] = [];
  for (let j = 0; j <= m; j++) table.push(new Float64Array(maxW + 1));
  table[0][0] = 1;
  for (let t = 1; t <= m + n; t++) {
    for (let j = Math.min(m, t); j >= 1; j--) {
      const shift = t - j;
      if (shift > n) continue;
      const prev = table[j - 1];
      const row = table[j];
      for (let w = maxW - shift; w >= 0; w--) if (prev[w] !== 0) row[w + shift] += prev[w];
    }
  }
  return table[m];
}

interface WilcoxDistribution {
  /** P(W <= q). */
  lower(q: number): number;
  /** P(W > q). */
  upper(q: number): number;
  /** R's qwilcox. */
  quantile(p: number): number;
}

const cache = new Map<string, WilcoxDistribution>();

/** The exact null distribution of W, as R's pwilcox (tails summed separately, each from its own end). */
function wilcoxDistribution(m: number, n: number): WilcoxDistribution {
  const key = `${m},${n}`;
  let dist = cache.get(key);
  if (!dist) {
    const counts = wilcoxCounts(m, n);
    let total = 0;
    for (const c of counts) total += c;
    const lower = (q: number): number => {
      const to = Math.floor(q + 1e-7);
      let s = 0;
      for (let w = 0; w <= Math.min(to, counts.length - 1); w++) s += counts[w];
      return s / total;
    };
    const upper = (q: number): number => {
      const from = Math.max(Math.floor(q + 1e-7) + 1, 0);
      let s = 0;
      for (let w = from; w < counts.length; w++) s += counts[w];
      return s / total;
    };
    const quantile = (pIn: number): number => {
      let p = 0;
      let q = 0;
      if (pIn <= 0.5) {
        const x = pIn - 10 * 2.220446049250313e-16;
        for (;;) {
          p += counts[q] / total;
          if (p >= x) return q;
          q++;
        }
      }
      const x = 1 - pIn + 10 * 2.220446049250313e-16;
      for (;;) {
        p += counts[q] / total;
        if (p > x) return m * n - q;
        q++;
      }
    };
    dist = { lower, upper, quantile };
    cache.set(key, dist);
  }
  return dist;
}
