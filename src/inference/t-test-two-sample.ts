import { cohensDFromSummary } from './cohens-d.ts';
import { dropMissing, mean, variance } from './sample.ts';
import { tFromEstimate } from './t-test-core.ts';
import { checkAlternative, checkConfLevel, checkFinite, checkSummary, type Alternative, type NumericInput, type TestResult } from './test-result.ts';

export interface TTestTwoSampleOptions {
  /** Hypothesised difference of means x − y (default 0). */
  mu?: number;
  alternative?: Alternative;
  confLevel?: number;
  /** Student's pooled-variance test (R var.equal = TRUE); default false: Welch. */
  varEqual?: boolean;
}

/** Two-sample t test of x against y (NaN dropped), Welch by default, as R's t.test(x, y). */
export function tTestTwoSample(x: NumericInput, y: NumericInput, options: TTestTwoSampleOptions = {}): TestResult {
  const vx = dropMissing(x);
  const vy = dropMissing(y);
  const mx = mean(vx);
  const my = mean(vy);
  return twoSampleT(
    { mean: mx, sd: Math.sqrt(variance(vx, mx)), n: vx.length },
    { mean: my, sd: Math.sqrt(variance(vy, my)), n: vy.length },
    options,
  );
}

/**
 * Two-sample t test from summary statistics (e.g. a staff sample against a published norm given as mean, SD
 * and n), with the formulas of R's t.test: Welch by default (df by Welch–Satterthwaite), or Student's pooled
 * test with `varEqual: true`. Effect size: Cohen's d with the pooled SD (for both variants).
 */
export function welchFromSummary(
  x: { mean: number; sd: number; n: number },
  y: { mean: number; sd: number; n: number },
  options: TTestTwoSampleOptions = {},
): TestResult {
  checkSummary(x, 'x');
  checkSummary(y, 'y');
  return twoSampleT(x, y, options);
}

function twoSampleT(
  x: { mean: number; sd: number; n: number },
  y: { mean: number; sd: number; n: number },
  options: TTestTwoSampleOptions,
): TestResult {
  const mu = checkFinite(options.mu, 'mu', 0);
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  const varEqual = options.varEqual ?? false;
  const nx = x.n;
  const ny = y.n;
  const vx = x.sd * x.sd;
  const vy = y.sd * y.sd;
  let df: number;
  let se: number;
  let ok: boolean;
  if (varEqual) {
    ok = nx >= 1 && ny >= 1 && nx + ny >= 3;
    df = nx + ny - 2;
    let v = 0;
    if (nx > 1) v += (nx - 1) * vx;
    if (ny > 1) v += (ny - 1) * vy;
    v /= df;
    se = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    ok = nx >= 2 && ny >= 2;
    const sx = vx / nx;
    const sy = vy / ny;
    se = Math.sqrt(sx + sy);
    df = (se * se) ** 2 / ((sx * sx) / (nx - 1) + (sy * sy) / (ny - 1));
  }
  if (!ok) se = NaN;
  const r = tFromEstimate(x.mean - y.mean, se, df, mu, alternative, confLevel, Math.max(Math.abs(x.mean), Math.abs(y.mean)));
  return {
    method: varEqual ? 'Two Sample t-test' : 'Welch Two Sample t-test',
    statistic: r.t,
    statisticName: 't',
    df: ok ? df : NaN,
    p: r.p,
    estimate: { 'mean of x': x.mean, 'mean of y': y.mean },
    ci: r.ci,
    confLevel,
    n: { x: nx, y: ny },
    alternative,
    nullValue: mu,
    effectSize: { name: 'd', value: cohensDFromSummary(x, y) },
  };
}
