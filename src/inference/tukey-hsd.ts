import { ptukey, qtukey } from '../stats/studentized-range.ts';
import { splitByGroup, type GroupInput, type GroupOptions } from './groups.ts';
import { mean } from './sample.ts';
import { checkConfLevel, type NumericInput } from './test-result.ts';

export interface TukeyComparison {
  /** "b-a": level b minus level a, as R names the row. */
  comparison: string;
  diff: number;
  lwr: number;
  upr: number;
  /** Family-wise adjusted p (R's "p adj"). */
  pAdj: number;
}

export interface TukeyHsdResult {
  method: 'Tukey multiple comparisons of means';
  confLevel: number;
  levels: string[];
  dfResidual: number;
  mse: number;
  comparisons: TukeyComparison[];
}

/**
 * Tukey's honest significant differences after a one-way ANOVA, as R's TukeyHSD(aov(y ~ g)) (Tukey–Kramer for
 * unequal group sizes), using the studentized range distribution as R computes it (`ptukey`,
 * `qtukey`). Comparisons in R's order.
 */
export function tukeyHSD(y: NumericInput, g: GroupInput, options: GroupOptions & { confLevel?: number } = {}): TukeyHsdResult {
  const confLevel = checkConfLevel(options.confLevel);
  const { levels, values } = splitByGroup(y, g, options);
  const k = levels.length;
  const means = values.map((v) => mean(v));
  const n = values.map((v) => v.length);
  let ss = 0;
  let dfResidual = 0;
  for (let j = 0; j < k; j++) {
    for (const v of values[j]) ss += (v - means[j]) ** 2;
    dfResidual += n[j] - 1;
  }
  const mse = ss / dfResidual;
  const q = qtukey(confLevel, k, dfResidual);
  const comparisons: TukeyComparison[] = [];
  for (let j = 0; j < k - 1; j++) {
    for (let i = j + 1; i < k; i++) {
      const diff = means[i] - means[j];
      const se = Math.sqrt((mse / 2) * (1 / n[i] + 1 / n[j]));
      const width = q * se;
      comparisons.push({
        comparison: `${levels[i]}-${levels[j]}`,
        diff,
        lwr: diff - width,
        upr: diff + width,
        pAdj: ptukey(Math.abs(diff) / se, k, dfResidual, false),
      });
    }
  }
  return { method: 'Tukey multiple comparisons of means', confLevel, levels, dfResidual, mse, comparisons };
}
