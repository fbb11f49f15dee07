import { StaffwellError } from '../errors.ts';
import { dhyperLogOnSupport } from '../stats/distributions.ts';
import { cells2x2, type CountTable } from './contingency-table.ts';
import { checkAlternative, checkConfLevel, type Alternative, type TestResult } from './test-result.ts';
import { uniroot } from './uniroot.ts';

export interface FisherTestOptions {
  alternative?: Alternative;
  confLevel?: number;
  /** Odds ratio under the null hypothesis (default 1). */
  or?: number;
}

const DBL_EPSILON = 2.220446049250313e-16;
/** How far (in log units) below the largest summed term a window reaches: see `windowOf`. */
const TAIL = 60;

/** A sum over a tail of the support: the points at or below (`lower`), at or above (`upper`) support index `at`, or those no likelier than it (`both`). */
interface Tail {
  side: 'lower' | 'upper' | 'both';
  at: number;
}

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]], ported from R's fisher.test: the p-value, the conditional
 * maximum-likelihood odds ratio and its exact interval from the noncentral hypergeometric distribution, with
 * roots found by R's uniroot (so estimate and interval carry uniroot's tolerance exactly as R's do).
 */
export function fisherTest2x2(table: CountTable, options: FisherTestOptions = {}): TestResult {
  const [a, b, c, d] = cells2x2(table);
  for (const v of [a, b, c, d]) {
    if (!Number.isInteger(v)) {
      throw new StaffwellError('invalid-option', 'Fisher\'s test needs whole counts', { field: 'table', value: v, hint: 'Give counts of people' });
    }
  }
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  const or = options.or ?? 1;
  if (!(or >= 0)) {
    throw new StaffwellError('invalid-option', 'the null odds ratio must be a number >= 0', { field: 'or', value: or, hint: 'Use 1 for no association' });
  }
  // R: m = column 1 total, n = column 2 total, k = row 1 total, x = cell [1, 1].
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const x = a;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const size = hi - lo + 1;
  // log dhyper per support point, computed when first needed: a density only matters in its window (below)
  const logdc = new Float64Array(size);
  const known = new Uint8Array(size);
  const dlog = dhyperLogOnSupport(m, n, k);
  const ld = (i: number): number => {
    if (!known[i]) {
      logdc[i] = dlog(lo + i);
      known[i] = 1;
    }
    return logdc[i];
  };
  /**
   * The support points that can change a sum, for the noncentral density at log(ncp) = `lncp`. The log density
   * g(i) = log d(i) + log(ncp)·i is concave in i (the noncentral hypergeometric distribution is log-concave), so
   * the mode is found by a binary search on the sign of the step and each end of the window by a binary search for
   * where g falls below the cut. The cut is the larger of
   * - `max − 800`: R takes exp(g(i) − max), which is exactly 0 in double precision below −745, so the points
   *   outside add exact zeros; and
   * - `g(ref) − TAIL`, with ref the largest term the caller sums (the mode for a normalising sum or a mean; for a
   *   tail probability the point of the tail nearest the mode; for the two-sided p the observed table): by
   *   concavity the terms beyond the cut fall at least geometrically, with a ratio below 1 − TAIL/size, so together
   *   they are below e^−TAIL · size/TAIL of the term at ref (< 1e-18 for any table that fits in memory), far
   *   under a double's rounding of the sum.
   * The cost is the window's width instead of the support's: a 2×2 table of ten million people has a support of
   * ~10⁶ points, a window of ~2·10⁴ at `max − 800` and of ~7·10³ at `ref − TAIL`.
   */
  const windowOf = (lncp: number, tail?: Tail): [number, number] => {
    const g = (i: number) => ld(i) + lncp * (lo + i);
    let a = 0;
    let b = size - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (g(mid + 1) > g(mid)) a = mid + 1;
      else b = mid;
    }
    const top = g(a);
    // the side of a summed tail reaches below its largest term; the other side only normalises (below the mode)
    let tailCut = top - TAIL;
    if (tail !== undefined) {
      const at = Math.min(size - 1, Math.max(0, tail.at));
      // a tail's largest term: its end nearest the mode (the observed table's for the two-sided p)
      const largest = tail.side === 'lower' ? Math.min(at, a) : tail.side === 'upper' ? Math.max(at, a) : at;
      tailCut = Math.max(top - 800, g(largest) - TAIL);
    }
    const cutL = tail !== undefined && tail.side !== 'upper' ? tailCut : top - TAIL;
    const cutR = tail !== undefined && tail.side !== 'lower' ? tailCut : top - TAIL;
    // g rises up to the mode and falls after it: the ends of the window by binary search too
    let L = 0;
    let hiL = a;
    while (L < hiL) {
      const mid = (L + hiL) >> 1;
      if (g(mid) >= cutL) hiL = mid;
      else L = mid + 1;
    }
    let R = size - 1;
    let loR = a;
    while (loR < R) {
      const mid = (loR + R + 1) >> 1;
      if (g(mid) >= cutR) loR = mid;
      else R = mid - 1;
    }
    return [L, R];
  };
  /** Densities at ncp, normalised, over its window [from, to] (`dens[i - from]`; 0 outside; `tail` as windowOf's). */
  const dnhyper = (ncp: number, tail?: Tail): { dens: Float64Array; from: number; to: number } => {
    const lncp = Math.log(ncp);
    const [from, to] = windowOf(lncp, tail);
    const dens = new Float64Array(to - from + 1);
    let max = -Infinity;
    for (let i = from; i <= to; i++) {
      const v = (dens[i - from] = ld(i) + lncp * (lo + i));
      if (v > max) max = v;
    }
    let s = 0;
    for (let j = 0; j < dens.length; j++) {
      dens[j] = Math.exp(dens[j] - max);
      s += dens[j];
    }
    for (let j = 0; j < dens.length; j++) dens[j] /= s;
    return { dens, from, to };
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    const { dens, from, to } = dnhyper(ncp);
    let s = 0;
    for (let i = from; i <= to; i++) s += (lo + i) * dens[i - from];
    return s;
  };
  const pnhyper = (q: number, ncp: number, upper = false): number => {
    const tail: Tail = { side: upper ? 'upper' : 'lower', at: q - lo };
    if (ncp === 1) {
      // phyper(x - 1, upper) or phyper(x), summed from the central densities.
      const [from, to] = windowOf(0, tail);
      let s = 0;
      for (let i = from; i <= to; i++) if (upper ? lo + i >= q : lo + i <= q) s += Math.exp(ld(i));
      return Math.min(1, s);
    }
    if (ncp === 0) return upper ? +(q <= lo) : +(q >= lo);
    if (ncp === Infinity) return upper ? +(q <= hi) : +(q >= hi);
    const { dens, from, to } = dnhyper(ncp, tail);
    let s = 0;
    for (let i = from; i <= to; i++) if (upper ? lo + i >= q : lo + i <= q) s += dens[i - from];
    return s;
  };

  let pValue: number;
  if (alternative === 'less') pValue = pnhyper(x, or);
  else if (alternative === 'greater') pValue = pnhyper(x, or, true);
  else if (or === 0) pValue = +(x === lo);
  else if (or === Infinity) pValue = +(x === hi);
  else {
    const relErr = 1 + 1e-7;
    // every summed density is at most the observed table's
    const { dens, from, to } = dnhyper(or, { side: 'both', at: x - lo });
    const dx = (x - lo >= from && x - lo <= to ? dens[x - lo - from] : 0) * relErr;
    pValue = 0;
    for (let i = from; i <= to; i++) if (dens[i - from] <= dx) pValue += dens[i - from];
  }

  const ncpU = (alpha: number): number => {
    if (x === hi) return Infinity;
    const p = pnhyper(x, 1);
    if (p < alpha) return uniroot((t) => pnhyper(x, t) - alpha, 0, 1);
    if (p > alpha) return 1 / uniroot((t) => pnhyper(x, 1 / t) - alpha, DBL_EPSILON, 1);
    return 1;
  };
  const ncpL = (alpha: number): number => {
    if (x === lo) return 0;
    const p = pnhyper(x, 1, true);
    if (p > alpha) return uniroot((t) => pnhyper(x, t, true) - alpha, 0, 1);
    if (p < alpha) return 1 / uniroot((t) => pnhyper(x, 1 / t, true) - alpha, DBL_EPSILON, 1);
    return 1;
  };
  let ci: [number, number];
  if (alternative === 'less') ci = [0, ncpU(1 - confLevel)];
  else if (alternative === 'greater') ci = [ncpL(1 - confLevel), Infinity];
  else {
    const alpha = (1 - confLevel) / 2;
    ci = [ncpL(alpha), ncpU(alpha)];
  }
  let estimate: number;
  if (x === lo) estimate = 0;
  else if (x === hi) estimate = Infinity;
  else {
    const mu = mnhyper(1);
    if (mu > x) estimate = uniroot((t) => mnhyper(t) - x, 0, 1);
    else if (mu < x) estimate = 1 / uniroot((t) => mnhyper(1 / t) - x, DBL_EPSILON, 1);
    else estimate = 1;
  }
  return {
    method: "Fisher's Exact Test for Count Data",
    statistic: NaN,
    statisticName: '',
    p: Math.min(1, pValue),
    estimate,
    estimateName: 'odds ratio',
    ci,
    confLevel,
    n: a + b + c + d,
    alternative,
    nullValue: or,
  };
}
