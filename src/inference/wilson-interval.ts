import { qnorm } from '../stats/distributions.ts';
import type { Alternative } from './test-result.ts';

/**
 * Wilson score interval for a proportion x/n: the interval R's prop.test(x, n, correct = FALSE) reports.
 * Two-sided; NaN bounds when n is 0.
 */
export function wilsonInterval(x: number, n: number, confLevel = 0.95): [number, number] {
  return scoreInterval(x, n, qnorm((1 + confLevel) / 2), 0, 'two.sided');
}

/**
 * The score interval of R's one-sample prop.test with continuity correction `yates` (0 for Wilson) and
 * normal quantile `z`.
 */
export function scoreInterval(x: number, n: number, z: number, yates: number, alternative: Alternative): [number, number] {
  const est = x / n;
  const z22n = (z * z) / (2 * n);
  let pc = est + yates / n;
  const pu = pc >= 1 ? 1 : (pc + z22n + z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = est - yates / n;
  const pl = pc <= 0 ? 0 : (pc + z22n - z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  if (alternative === 'less') return [0, Math.min(pu, 1)];
  if (alternative === 'greater') return [Math.max(pl, 0), 1];
  return [Math.max(pl, 0), Math.min(pu, 1)];
}
