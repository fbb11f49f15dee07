import { StaffwellError } from '../errors.ts';
import { pt, qnorm } from '../stats/distributions.ts';
import { averageRanks } from './rank.ts';
import { mean } from './sample.ts';
import { kendallTest } from './kendall-tau.ts';
import { prho } from './spearman-distribution.ts';
import { checkAlternative, checkConfLevel, type Alternative, type NumericInput, type TestResult } from './test-result.ts';

export type CorrelationMethod = 'pearson' | 'spearman' | 'kendall';

export interface CorrelationTestOptions {
  method?: CorrelationMethod;
  alternative?: Alternative;
  confLevel?: number;
  /**
   * Spearman: exact p-value (AS 89); default as R: exact for n < 1290 without ties, otherwise the asymptotic t
   * approximation. Kendall: exact p from the permutation distribution; default as R: exact for n < 50 without
   * ties (honoured up to n = 170), otherwise the normal approximation. With ties neither is exact.
   */
  exact?: boolean;
  /** Kendall only: continuity correction of the normal approximation (default false, as R). */
  continuity?: boolean;
}

/**
 * Test of association between paired samples (pairs with a missing value dropped), as R's cor.test: Pearson's r
 * with the t test and Fisher-z interval (n > 3), or Spearman's ρ (average ranks for ties) with S and AS 89 /
 * t-approximation p-values.
 */
export function correlationTest(x: NumericInput, y: NumericInput, options: CorrelationTestOptions = {}): TestResult {
  if (x.length !== y.length) {
    throw new StaffwellError('invalid-option', 'the two variables have different lengths', {
      field: 'y',
      value: `${x.length} and ${y.length}`,
      hint: 'Give one value of each variable per person',
    });
  }
  const method = options.method ?? 'pearson';
  if (method !== 'pearson' && method !== 'spearman' && method !== 'kendall') {
    throw new StaffwellError('invalid-option', 'unknown correlation method', { field: 'method', value: method, hint: 'Use "pearson", "spearman" or "kendall"' });
  }
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  const n = xs.length;
  if (method === 'kendall') return kendallTest(xs, ys, alternative, options.exact, options.continuity ?? false);
  return method === 'pearson' ? pearsonTest(xs, ys, n, alternative, confLevel) : spearmanTest(xs, ys, n, alternative, options.exact);
}

/** Pearson correlation by centred cross-products (as R's cor); NaN for n < 2 or a constant variable. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

function pearsonTest(xs: number[], ys: number[], n: number, alternative: Alternative, confLevel: number): TestResult {
  return pearsonTestFromR(n >= 3 ? pearson(xs, ys) : NaN, n, { alternative, confLevel });
}

/**
 * cor.test's Pearson result from r and the number of complete pairs (r from accumulated co-moments, say): the t
 * test and, for n > 3, the Fisher-z interval. r is taken as NaN for n < 3, as cor.test.
 */
export function pearsonTestFromR(r: number, n: number, options: Pick<CorrelationTestOptions, 'alternative' | 'confLevel'> = {}): TestResult {
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  if (n < 3) r = NaN;
  const df = n - 2;
  const t = (Math.sqrt(df) * r) / Math.sqrt(1 - r * r);
  const p =
    alternative === 'less' ? pt(t, df) : alternative === 'greater' ? pt(t, df, false) : 2 * Math.min(pt(t, df), pt(t, df, false));
  let ci: [number, number] | undefined;
  if (n > 3) {
    const z = Math.atanh(r);
    const sigma = 1 / Math.sqrt(n - 3);
    if (alternative === 'less') ci = [-1, Math.tanh(z + sigma * qnorm(confLevel))];
    else if (alternative === 'greater') ci = [Math.tanh(z - sigma * qnorm(confLevel)), 1];
    else {
      const h = sigma * qnorm((1 + confLevel) / 2);
      ci = [Math.tanh(z - h), Math.tanh(z + h)];
    }
  }
  return {
    method: "Pearson's product-moment correlation",
    statistic: t,
    statisticName: 't',
    df,
    p,
    estimate: r,
    estimateName: 'cor',
    ...(ci ? { ci, confLevel } : {}),
    n,
    alternative,
    nullValue: 0,
  };
}

function spearmanTest(xs: number[], ys: number[], n: number, alternative: Alternative, exactOpt: boolean | undefined): TestResult {
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  const r = n >= 2 ? pearson(rx.ranks, ry.ranks) : NaN;
  const q = ((n * n * n - n) * (1 - r)) / 6;
  const exact = (exactOpt ?? n < 1290) && !rx.hasTies && !ry.hasTies;
  const pspearman = (qq: number, lowerTail: boolean): number => {
    if (n <= 1290 && exact) return prho(n, Math.round(qq) + 2 * +lowerTail, lowerTail);
    const den = (n * (n * n - 1)) / 6;
    const rr = 1 - qq / den;
    return pt(rr / Math.sqrt((1 - rr * rr) / (n - 2)), n - 2, !lowerTail);
  };
  let p: number;
  if (Number.isNaN(r)) p = NaN;
  else if (alternative === 'two.sided') {
    const one = q > (n * n * n - n) / 6 ? pspearman(q, false) : pspearman(q, true);
    p = Math.min(2 * one, 1);
  } else p = alternative === 'greater' ? pspearman(q, true) : pspearman(q, false);
  return {
    method: "Spearman's rank correlation rho",
    statistic: q,
    statisticName: 'S',
    p,
    estimate: r,
    estimateName: 'rho',
    n,
    alternative,
    nullValue: 0,
  };
}
