import { StaffwellError } from '../errors.ts';
import { pchisq, pnorm, qnorm } from '../stats/distributions.ts';
import { checkAlternative, checkConfLevel, checkCount, type Alternative, type TestResult } from './test-result.ts';
import { scoreInterval } from './wilson-interval.ts';

export interface PropTestOptions {
  /** One sample: hypothesised proportion (default 0.5). Not allowed with several samples. */
  p?: number;
  alternative?: Alternative;
  confLevel?: number;
  /** Yates' continuity correction (default true, as R; applied only for one or two samples). */
  correct?: boolean;
}

/**
 * R's prop.test: one sample against `p` (score interval; Wilson when `correct: false`), or equality of two or
 * more proportions (Wald interval for the difference when two). `x` successes out of `n`, one entry per sample.
 */
export function propTest(x: number | readonly number[], n: number | readonly number[], options: PropTestOptions = {}): TestResult {
  const xs = typeof x === 'number' ? [x] : [...x];
  const ns = typeof n === 'number' ? [n] : [...n];
  if (xs.length !== ns.length || xs.length === 0) {
    throw new StaffwellError('invalid-option', 'successes and trials must have the same number of samples', {
      field: 'x',
      value: `${xs.length} and ${ns.length}`,
      hint: 'Give one count of successes per sample size',
    });
  }
  xs.forEach((v, i) => checkCount(v, `x[${i}]`));
  ns.forEach((v, i) => checkCount(v, `n[${i}]`));
  xs.forEach((v, i) => {
    if (v > ns[i] || ns[i] === 0) {
      throw new StaffwellError('invalid-option', 'successes must be between 0 and the sample size (at least 1)', {
        field: `x[${i}]`,
        value: `${v} of ${ns[i]}`,
        hint: 'Check the counts',
      });
    }
  });
  const k = xs.length;
  const alternative = checkAlternative(options.alternative);
  const confLevel = checkConfLevel(options.confLevel);
  if (k > 2 && alternative !== 'two.sided') {
    throw new StaffwellError('invalid-option', 'a one-sided alternative needs one or two samples', {
      field: 'alternative',
      value: alternative,
      hint: 'Use "two.sided" for three or more proportions',
    });
  }
  let p0 = options.p;
  if (p0 !== undefined && (k > 1 || !(p0 > 0 && p0 < 1))) {
    throw new StaffwellError('invalid-option', 'a null proportion strictly between 0 and 1 is for one sample only', {
      field: 'p',
      value: p0,
      hint: 'Omit p to compare samples with each other',
    });
  }
  const correct = options.correct ?? true;
  const est = xs.map((v, i) => v / ns[i]);
  let yates = correct && k <= 2 ? 0.5 : 0;
  let ci: [number, number] | undefined;
  let delta = NaN;
  const zq = qnorm(alternative === 'two.sided' ? (1 + confLevel) / 2 : confLevel);
  let df: number;
  if (k === 1) {
    if (p0 === undefined) p0 = 0.5;
    yates = Math.min(yates, Math.abs(xs[0] - ns[0] * p0));
    ci = scoreInterval(xs[0], ns[0], zq, yates, alternative);
    df = 1;
  } else {
    if (k === 2) {
      delta = est[0] - est[1];
      const sumInvN = 1 / ns[0] + 1 / ns[1];
      yates = Math.min(yates, Math.abs(delta) / sumInvN);
      const width = zq * Math.sqrt(est[0] * (1 - est[0]) / ns[0] + est[1] * (1 - est[1]) / ns[1]) + yates * sumInvN;
      if (alternative === 'less') ci = [-1, Math.min(delta + width, 1)];
      else if (alternative === 'greater') ci = [Math.max(delta - width, -1), 1];
      else ci = [Math.max(delta - width, -1), Math.min(delta + width, 1)];
    }
    let sx = 0;
    let sn = 0;
    for (let i = 0; i < k; i++) {
      sx += xs[i];
      sn += ns[i];
    }
    p0 = sx / sn;
    df = k - 1;
  }
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const e1 = ns[i] * p0;
    const e0 = ns[i] * (1 - p0);
    stat += (Math.abs(xs[i] - e1) - yates) ** 2 / e1 + (Math.abs(ns[i] - xs[i] - e0) - yates) ** 2 / e0;
  }
  let pValue: number;
  if (alternative === 'two.sided') pValue = pchisq(stat, df, false);
  else {
    const z = Math.sign(k === 1 ? est[0] - p0 : delta) * Math.sqrt(stat);
    pValue = pnorm(z, 0, 1, alternative === 'less');
  }
  const method =
    (k === 1 ? '1-sample proportions test' : `${k}-sample test for equality of proportions`) +
    (yates ? ' with continuity correction' : ' without continuity correction');
  const estimate: number | Record<string, number> = k === 1 ? est[0] : Object.fromEntries(est.map((e, i) => [`prop ${i + 1}`, e]));
  return {
    method,
    statistic: stat,
    statisticName: 'X-squared',
    df,
    p: pValue,
    estimate,
    ...(k === 1 ? { estimateName: 'p' } : {}),
    ...(ci ? { ci, confLevel } : {}),
    n: k === 1 ? ns[0] : Object.fromEntries(ns.map((v, i) => [`n ${i + 1}`, v])),
    alternative,
    ...(k === 1 ? { nullValue: p0 } : {}),
  };
}
