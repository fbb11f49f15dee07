import { StaffwellError } from '../errors.ts';
import { mean, variance } from './sample.ts';
import { tFromEstimate } from './t-test-core.ts';
import { checkAlternative, checkConfLevel, checkFinite, type NumericInput, type TestResult } from './test-result.ts';
import type { TTestOptions } from './t-test-one-sample.ts';

/**
 * Paired t test of x − y (pairs with a missing value in either dropped, as R's complete.cases), as R's
 * t.test(x, y, paired = TRUE). Effect size d_z = mean difference / SD of the differences.
 */
export function tTestPaired(x: NumericInput, y: NumericInput, options: TTestOptions = {}): TestResult {
  if (x.length !== y.length) {
    throw new StaffwellError('invalid-option', 'paired samples must have the same length', {
      field: 'y',
      value: `${x.length} and ${y.length}`,
      hint: 'Give one value of each measurement per person',
    });
  }
  const mu = checkFinite(options.mu, 'mu', 0);
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) d.push(x[i] - y[i]);
  const m = mean(d);
  const n = d.length;
  const se = Math.sqrt(variance(d, m) / n);
  const df = n - 1;
  const r = tFromEstimate(m, se, df, mu, alternative, confLevel, Math.abs(m));
  return {
    method: 'Paired t-test',
    statistic: r.t,
    statisticName: 't',
    df,
    p: r.p,
    estimate: m,
    estimateName: 'mean difference',
    ci: r.ci,
    confLevel,
    n,
    alternative,
    nullValue: mu,
    effectSize: { name: 'dz', value: m / Math.sqrt(variance(d, m)) },
  };
}
