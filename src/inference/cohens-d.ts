import { dropMissing, mean, variance } from './sample.ts';
import type { NumericInput } from './test-result.ts';

/**
 * Cohen's d for two independent samples with the pooled SD (NaN dropped):
 *
 *     d = (mean(x) − mean(y)) / √(((nx − 1) sx² + (ny − 1) sy²) / (nx + ny − 2))
 */
export function cohensD(x: NumericInput, y: NumericInput): number {
  const vx = dropMissing(x);
  const vy = dropMissing(y);
  const mx = mean(vx);
  const my = mean(vy);
  return cohensDFromSummary({ mean: mx, sd: Math.sqrt(variance(vx, mx)), n: vx.length }, { mean: my, sd: Math.sqrt(variance(vy, my)), n: vy.length });
}

/** Cohen's d with the pooled SD from summary statistics (NaN when either n < 2 and the pooled df is 0). */
export function cohensDFromSummary(x: { mean: number; sd: number; n: number }, y: { mean: number; sd: number; n: number }): number {
  const df = x.n + y.n - 2;
  let ss = 0;
  if (x.n > 1) ss += (x.n - 1) * x.sd * x.sd;
  if (y.n > 1) ss += (y.n - 1) * y.sd * y.sd;
  const pooled = Math.sqrt(ss / df);
  return df > 0 ? (x.mean - y.mean) / pooled : NaN;
}

/**
 * Cohen's d of a sample against a published norm, standardised by the norm's SD (the population being
 * compared with), not the sample's: d = (mean(x) − norm mean) / norm SD. Accepts the sample or its mean.
 */
export function cohensDVsNorm(x: NumericInput | { mean: number }, norm: { mean: number; sd: number }): number {
  const m = 'mean' in x && !ArrayBuffer.isView(x) && !Array.isArray(x) ? (x as { mean: number }).mean : mean(dropMissing(x as NumericInput));
  return norm.sd > 0 ? (m - norm.mean) / norm.sd : NaN;
}
