import type { NumericInput } from './test-result.ts';

/** The non-missing values of `x` (NaN dropped, as R's na.omit; infinities are kept as R keeps them). */
export function dropMissing(x: NumericInput): Float64Array {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) k++;
  const out = new Float64Array(k);
  k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out;
}

/** Mean with R's second-pass correction (mean.default); NaN for an empty sample. */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - s;
  return s + t / n;
}

/** Sample variance (denominator n - 1) by two passes; NaN when n < 2. */
export function variance(x: ArrayLike<number>, m = mean(x)): number {
  const n = x.length;
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

/** Summary statistics of a sample, the input of the from-summary tests. */
export interface SampleSummary {
  mean: number;
  sd: number;
  n: number;
}

export function summarize(x: ArrayLike<number>): SampleSummary {
  const m = mean(x);
  return { mean: m, sd: Math.sqrt(variance(x, m)), n: x.length };
}
