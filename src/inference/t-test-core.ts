import { pt, qt } from '../stats/distributions.ts';
import type { Alternative } from './test-result.ts';

/**
 * The part every t test shares (R's t.test after the standard error): t = (estimate − mu) / se, its p-value
 * and interval. A standard error that is not positive (or below R's "essentially constant" threshold, which
 * R reports as an error) gives NaN throughout.
 */
export function tFromEstimate(
  estimate: number,
  se: number,
  df: number,
  mu: number,
  alternative: Alternative,
  confLevel: number,
  scale: number,
): { t: number; p: number; ci: [number, number] } {
  if (!(se > 10 * 2.220446049250313e-16 * scale) || !(df > 0)) return { t: NaN, p: NaN, ci: [NaN, NaN] };
  const t = (estimate - mu) / se;
  let p: number;
  let lo: number;
  let hi: number;
  if (alternative === 'less') {
    p = pt(t, df);
    lo = -Infinity;
    hi = t + qt(confLevel, df);
  } else if (alternative === 'greater') {
    p = pt(t, df, false);
    lo = t - qt(confLevel, df);
    hi = Infinity;
  } else {
    p = 2 * pt(-Math.abs(t), df);
    const q = qt(1 - (1 - confLevel) / 2, df);
    lo = t - q;
    hi = t + q;
  }
  return { t, p, ci: [mu + lo * se, mu + hi * se] };
}
