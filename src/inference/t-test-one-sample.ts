import { dropMissing, mean, variance } from './sample.ts';
import { tFromEstimate } from './t-test-core.ts';
import { checkAlternative, checkConfLevel, checkFinite, checkSummary, type Alternative, type NumericInput, type TestResult } from './test-result.ts';

export interface TTestOptions {
  /** Hypothesised mean (one sample) or mean difference (default 0). */
  mu?: number;
  alternative?: Alternative;
  confLevel?: number;
}

/** One-sample t test of the mean of `x` (NaN dropped) against `mu`, as R's t.test(x, mu = mu). */
export function tTestOneSample(x: NumericInput, options: TTestOptions = {}): TestResult {
  const mu = checkFinite(options.mu, 'mu', 0);
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  const v = dropMissing(x);
  const m = mean(v);
  return oneSampleT({ mean: m, sd: Math.sqrt(variance(v, m)), n: v.length }, mu, alternative, confLevel);
}

/**
 * One-sample t test from summary statistics (a sample's mean, SD and n against a norm mean `mu`), with the
 * formulas of R's t.test: t = (mean − mu) / (sd / √n), df = n − 1. Effect size d = (mean − mu) / sd (the
 * sample SD; for d against a norm's SD use `cohensDVsNorm`).
 */
export function tTestOneSampleFromSummary(s: { mean: number; sd: number; n: number }, options: TTestOptions = {}): TestResult {
  checkSummary(s, 'summary');
  return oneSampleT(s, checkFinite(options.mu, 'mu', 0), checkAlternative(options.alternative), checkConfLevel(options.confLevel));
}

function oneSampleT(s: { mean: number; sd: number; n: number }, mu: number, alternative: Alternative, confLevel: number): TestResult {
  const se = s.sd / Math.sqrt(s.n);
  const df = s.n - 1;
  const r = tFromEstimate(s.mean, se, df, mu, alternative, confLevel, Math.abs(s.mean));
  return {
    method: 'One Sample t-test',
    statistic: r.t,
    statisticName: 't',
    df,
    p: r.p,
    estimate: s.mean,
    estimateName: 'mean of x',
    ci: r.ci,
    confLevel,
    n: s.n,
    alternative,
    nullValue: mu,
    effectSize: { name: 'd', value: (s.mean - mu) / s.sd },
  };
}
