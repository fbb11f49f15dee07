/** The Fisher test as it was before its densities were restricted to their window (the whole support, every density): the oracle of test/inference/fisher-test-2x2.test.ts. */
import { StaffwellError } from '../../../src/errors.ts';
import { dhyper } from '../../../src/stats/distributions.ts';
import { cells2x2, type CountTable } from '../../../src/inference/contingency-table.ts';
import { checkAlternative, checkConfLevel, type Alternative, type TestResult } from '../../../src/inference/test-result.ts';
import { uniroot } from '../../../src/inference/uniroot.ts';

export interface FisherTestOptions {
  alternative?: Alternative;
  confLevel?: number;
  /** Odds ratio under the null hypothesis (default 1). */
  or?: number;
}

const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]], ported from R's fisher.test: the p-value, the conditional
 * maximum-likelihood odds ratio and its exact interval from the noncentral hypergeometric distribution, with
 * roots found by R's uniroot (so estimate and interval carry uniroot's tolerance exactly as R's do).
 */
export function fisherTest2x2Full(table: CountTable, options: FisherTestOptions = {}): TestResult {
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
  const support = new Float64Array(size);
  const logdc = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    support[i] = lo + i;
    logdc[i] = dhyper(lo + i, m, n, k, true);
  }
  const dnhyper = (ncp: number): Float64Array => {
    const dens = new Float64Array(size);
    const lncp = Math.log(ncp);
    let max = -Infinity;
    for (let i = 0; i < size; i++) {
      dens[i] = logdc[i] + lncp * support[i];
      if (dens[i] > max) max = dens[i];
    }
    let s = 0;
    for (let i = 0; i < size; i++) {
      dens[i] = Math.exp(dens[i] - max);
      s += dens[i];
    }
    for (let i = 0; i < size; i++) dens[i] /= s;
    return dens;
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    const dens = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < size; i++) s += support[i] * dens[i];
    return s;
  };
  const pnhyper = (q: number, ncp: number, upper = false): number => {
    if (ncp === 1) {
      // phyper(x - 1, upper) or phyper(x), summed from the central densities.
      let s = 0;
      for (let i = 0; i < size; i++) if (upper ? support[i] >= q : support[i] <= q) s += Math.exp(logdc[i]);
      return Math.min(1, s);
    }
    if (ncp === 0) return upper ? +(q <= lo) : +(q >= lo);
    if (ncp === Infinity) return upper ? +(q <= hi) : +(q >= hi);
    const dens = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < size; i++) if (upper ? support[i] >= q : support[i] <= q) s += dens[i];
    return s;
  };

  let pValue: number;
  if (alternative === 'less') pValue = pnhyper(x, or);
  else if (alternative === 'greater') pValue = pnhyper(x, or, true);
  else if (or === 0) pValue = +(x === lo);
  else if (or === Infinity) pValue = +(x === hi);
  else {
    const relErr = 1 + 1e-7;
    const dens = dnhyper(or);
    const dx = dens[x - lo] * relErr;
    pValue = 0;
    for (let i = 0; i < size; i++) if (dens[i] <= dx) pValue += dens[i];
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
