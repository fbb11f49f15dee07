import { pnorm } from '../stats/distributions.ts';
import type { Alternative, TestResult } from './test-result.ts';

/** Pair counts behind Kendall's tau: n0 pairs, tied in x (n1), in y (n2), in both (n3), and discordant pairs. */
interface KendallCounts {
  n0: number;
  n1: number;
  n2: number;
  n3: number;
  discordant: number;
}

/**
 * Kendall's tau-b of complete pairs (as R's cor(method = "kendall")) in O(n log n) (Knight's algorithm): sort by
 * x then y, count ties, then count the discordant pairs as the inversions of y by a merge sort.
 */
export function kendallTau(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const c = kendallCounts(xs, ys);
  const s = c.n0 - c.n1 - c.n2 + c.n3 - 2 * c.discordant;
  return s / (Math.sqrt(c.n0 - c.n1) * Math.sqrt(c.n0 - c.n2));
}

function kendallCounts(xs: ArrayLike<number>, ys: ArrayLike<number>): KendallCounts {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  let y = Float64Array.from(order, (i) => ys[i]);
  const x = Float64Array.from(order, (i) => xs[i]);
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[j] === x[i]) j++;
    n1 += ((j - i) * (j - i - 1)) / 2;
    for (let k = i; k < j; ) {
      let l = k + 1;
      while (l < j && y[l] === y[k]) l++;
      n3 += ((l - k) * (l - k - 1)) / 2;
      k = l;
    }
    i = j;
  }
  // Inversions of y (pairs i < j with y[i] > y[j]) by a bottom-up merge sort.
  let buf = new Float64Array(n);
  let discordant = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (y[j] < y[i]) {
          discordant += mid - i;
          buf[k++] = y[j++];
        } else buf[k++] = y[i++];
      }
      while (i < mid) buf[k++] = y[i++];
      while (j < hi) buf[k++] = y[j++];
    }
    [y, buf] = [buf, y];
  }
  let n2 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && y[j] === y[i]) j++;
    n2 += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  return { n0: (n * (n - 1)) / 2, n1, n2, n3, discordant };
}

/** Σ t(t−1)·w(t) over groups of tied values (R's table(x[duplicated(x)]) + 1). */
function tieSums(v: ArrayLike<number>): { a: number; b: number; c: number } {
  const s = Float64Array.from(v).sort();
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    const t = j - i;
    if (t > 1) {
      a += t * (t - 1);
      b += t * (t - 1) * (2 * t + 5);
      c += t * (t - 1) * (t - 2);
    }
    i = j;
  }
  return { a, b, c };
}

const pkCache = new Map<number, Float64Array>();

/** R's pkendall: P(T <= q) for n untied pairs, T the number of concordant pairs (permutations by inversions). */
function pkendall(q: number, n: number): number {
  const u = (n * (n - 1)) / 2;
  const qq = Math.floor(q + 1e-7);
  if (qq < 0) return 0;
  if (qq > u) return 1;
  let counts = pkCache.get(n);
  if (!counts) {
    let c = new Float64Array([1]);
    for (let m = 2; m <= n; m++) {
      const um = (m * (m - 1)) / 2;
      const next = new Float64Array(um + 1);
      // next[k] = c[k] + c[k-1] + ... + c[k-m+1], by a running window sum over the lower half; the upper half by
      // symmetry (no cancellation in the falling tail).
      let s = 0;
      for (let k = 0; 2 * k <= um; k++) {
        if (k < c.length) s += c[k];
        if (k - m >= 0) s -= c[k - m];
        next[k] = s;
        next[um - k] = s;
      }
      c = next;
    }
    counts = c;
    pkCache.set(n, counts);
  }
  let p = 0;
  for (let j = 0; j <= qq; j++) p += counts[j];
  let fact = 1;
  for (let i = 2; i <= n; i++) fact *= i;
  return p / fact;
}

/**
 * cor.test(method = "kendall"): tau-b; exact p from the permutation distribution of T (concordant pairs) when
 * n < 50 without ties (default), else the normal approximation of S with R's tie-corrected variance and, with
 * `continuity`, the continuity correction.
 */
export function kendallTest(xs: number[], ys: number[], alternative: Alternative, exactOpt: boolean | undefined, continuity: boolean): TestResult {
  const n = xs.length;
  const base = { method: "Kendall's rank correlation tau", estimateName: 'tau', n, alternative, nullValue: 0 };
  const r = n >= 2 ? kendallTau(xs, ys) : NaN;
  if (!Number.isFinite(r)) return { ...base, statistic: NaN, statisticName: 'T', p: NaN, estimate: NaN };
  const ties = new Set(xs).size < n || new Set(ys).size < n;
  const exact = (exactOpt ?? n < 50) && n <= 170; // beyond 170! the counts overflow (R then gives NaN)
  if (exact && !ties) {
    const q = Math.round(((r + 1) * n * (n - 1)) / 4);
    let p: number;
    if (alternative === 'two.sided') p = Math.min(2 * (q > (n * (n - 1)) / 4 ? 1 - pkendall(q - 1, n) : pkendall(q, n)), 1);
    else p = alternative === 'greater' ? 1 - pkendall(q - 1, n) : pkendall(q, n);
    return { ...base, statistic: q, statisticName: 'T', p, estimate: r };
  }
  const tx = tieSums(xs);
  const ty = tieSums(ys);
  const T0 = (n * (n - 1)) / 2;
  let S = r * Math.sqrt((T0 - tx.a / 2) * (T0 - ty.a / 2));
  const v0 = n * (n - 1) * (2 * n + 5);
  const varS = (v0 - tx.b - ty.b) / 18 + (tx.a * ty.a) / (2 * n * (n - 1)) + (tx.c * ty.c) / (9 * n * (n - 1) * (n - 2));
  if (continuity) S = Math.sign(S) * (Math.abs(S) - 1);
  const z = S / Math.sqrt(varS);
  const p = alternative === 'less' ? pnorm(z) : alternative === 'greater' ? pnorm(z, 0, 1, false) : 2 * Math.min(pnorm(z), pnorm(z, 0, 1, false));
  return { ...base, statistic: z, statisticName: 'z', p, estimate: r };
}
