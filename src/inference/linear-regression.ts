import { pf, pt, qt } from '../stats/distributions.ts';
import { buildDesign, type DesignOptions, type PredictorColumn } from './design-matrix.ts';
import { leastSquares } from './householder-qr.ts';
import { mean, variance } from './sample.ts';
import { checkConfLevel, type NumericInput } from './test-result.ts';

export interface RegressionCoefficient {
  term: string;
  estimate: number;
  se: number;
  /** t (linear) or z (logistic). */
  statistic: number;
  p: number;
  ciLower: number;
  ciUpper: number;
}

export interface LinearCoefficient extends RegressionCoefficient {
  /** Coefficient of lm on scale()d outcome and numeric predictors (complete cases); NaN for intercept and dummies. */
  standardizedBeta: number;
}

export interface LinearRegressionResult {
  method: 'Linear regression (OLS)';
  coefficients: LinearCoefficient[];
  rSquared: number;
  adjRSquared: number;
  fStatistic: number;
  df: [number, number];
  fP: number;
  /** Residual standard error. */
  sigma: number;
  /** Complete cases used. */
  n: number;
  dropped: number;
  rank: number;
  confLevel: number;
  factorLevels: Record<string, string[]>;
}

/**
 * Ordinary least squares of `y` on the predictors (complete cases), as R's summary(lm(y ~ ...)) and confint():
 * text predictors become treatment-coded dummies (first level as reference). Solved by Householder QR;
 * collinear columns get NaN coefficients (R's NA).
 */
export function linearRegression(
  y: NumericInput,
  predictors: Readonly<Record<string, PredictorColumn>>,
  options: DesignOptions & { confLevel?: number } = {},
): LinearRegressionResult {
  const confLevel = checkConfLevel(options.confLevel);
  const d = buildDesign(y, predictors, options);
  const fit = leastSquares(d.X, d.n, d.p, d.y);
  const dfRes = d.n - fit.rank;
  let rss = 0;
  for (const r of fit.residuals) rss += r * r;
  const sigma2 = rss / dfRes;
  const my = mean(d.y);
  let tss = 0;
  for (const v of d.y) tss += (v - my) ** 2;
  const mss = tss - rss;
  const dfModel = fit.rank - 1;
  const rSquared = mss / tss;
  const adjRSquared = 1 - (1 - rSquared) * ((d.n - 1) / dfRes);
  const fStatistic = mss / dfModel / sigma2;
  const q = qt(1 - (1 - confLevel) / 2, dfRes);
  const sdY = Math.sqrt(variance(d.y, my));
  const coefficients = d.terms.map((term, j): LinearCoefficient => {
    const b = fit.coef[j];
    const se = Math.sqrt(sigma2 * fit.unscaledCov[j * d.p + j]);
    const t = b / se;
    let beta = NaN;
    if (term.numeric) {
      const col = d.X.subarray(j * d.n, (j + 1) * d.n);
      beta = (b * Math.sqrt(variance(col))) / sdY;
    }
    return {
      term: term.name,
      estimate: b,
      se,
      statistic: t,
      p: 2 * pt(-Math.abs(t), dfRes),
      ciLower: b - q * se,
      ciUpper: b + q * se,
      standardizedBeta: beta,
    };
  });
  return {
    method: 'Linear regression (OLS)',
    coefficients,
    rSquared,
    adjRSquared,
    fStatistic,
    df: [dfModel, dfRes],
    fP: pf(fStatistic, dfModel, dfRes, false),
    sigma: Math.sqrt(sigma2),
    n: d.n,
    dropped: d.dropped,
    rank: fit.rank,
    confLevel,
    factorLevels: d.factorLevels,
  };
}
