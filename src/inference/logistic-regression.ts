import { StaffwellError } from '../errors.ts';
import { pnorm, qnorm } from '../stats/distributions.ts';
import { buildDesign, type DesignOptions, type PredictorColumn } from './design-matrix.ts';
import { leastSquares } from './householder-qr.ts';
import type { RegressionCoefficient } from './linear-regression.ts';
import { checkConfLevel, type NumericInput } from './test-result.ts';

export interface LogisticCoefficient extends RegressionCoefficient {
  oddsRatio: number;
  /** exp of the Wald interval (R's exp(confint.default())). */
  orLower: number;
  orUpper: number;
}

export interface LogisticRegressionResult {
  method: 'Logistic regression (binomial GLM, logit link)';
  coefficients: LogisticCoefficient[];
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  aic: number;
  /** Fisher-scoring iterations, as R's glm reports them. */
  iterations: number;
  converged: boolean;
  /**
   * True when fitted probabilities are numerically 0 or 1 (R's warning "fitted probabilities numerically 0 or 1
   * occurred") or the fit did not converge: signs of (quasi-)complete separation; estimates and SEs are then not
   * trustworthy.
   */
  separation: boolean;
  n: number;
  dropped: number;
  confLevel: number;
  factorLevels: Record<string, string[]>;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / EPS;

/** Logistic inverse link as R's C code (clamped at ±30). */
function linkinv(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

function muEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? EPS : Math.exp(eta) / (opexp * opexp);
}

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

function deviance(y: Float64Array, mu: ArrayLike<number> | number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const m = typeof mu === 'number' ? mu : mu[i];
    s += 2 * (yLogY(y[i], m) + yLogY(1 - y[i], 1 - m));
  }
  return s;
}

/**
 * Logistic regression of a 0/1 outcome on the predictors (complete cases), as R's
 * glm(y ~ ..., family = binomial): the same iteratively reweighted least squares (start μ = (y + 0.5)/2,
 * stop when |Δdeviance|/(|deviance| + 0.1) < epsilon, at most maxit iterations), Wald z tests and odds ratios
 * with exp(confint.default()) intervals.
 */
export function logisticRegression(
  y01: NumericInput,
  predictors: Readonly<Record<string, PredictorColumn>>,
  options: DesignOptions & { confLevel?: number; maxit?: number; epsilon?: number } = {},
): LogisticRegressionResult {
  const confLevel = checkConfLevel(options.confLevel);
  for (let i = 0; i < y01.length; i++) {
    const v = y01[i];
    if (!Number.isNaN(v) && v !== 0 && v !== 1) {
      throw new StaffwellError('not-numeric', 'the outcome of a logistic regression must be 0 or 1', {
        field: `y[${i}]`,
        value: v,
        hint: 'Code the outcome as 1 = case, 0 = non-case (missing as empty)',
      });
    }
  }
  const maxit = options.maxit ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const d = buildDesign(y01, predictors, options);
  const { n, p, X, y } = d;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m0 = (y[i] + 0.5) / 2;
    eta[i] = Math.log(m0 / (1 - m0));
    mu[i] = linkinv(eta[i]);
  }
  let devold = deviance(y, mu);
  let dev = devold;
  let converged = false;
  let iterations = 0;
  let fit = null as ReturnType<typeof leastSquares> | null;
  const Xw = new Float64Array(n * p);
  const zw = new Float64Array(n);
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    for (let i = 0; i < n; i++) {
      const me = muEta(eta[i]);
      const varmu = mu[i] * (1 - mu[i]);
      const w = Math.sqrt((me * me) / varmu);
      zw[i] = (eta[i] + (y[i] - mu[i]) / me) * w;
      for (let j = 0; j < p; j++) Xw[j * n + i] = X[j * n + i] * w;
    }
    fit = leastSquares(Xw, n, p, zw, Math.min(1e-7, epsilon / 1000));
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < p; j++) if (!fit.aliased[j]) e += X[j * n + i] * fit.coef[j];
      eta[i] = e;
      mu[i] = linkinv(e);
    }
    dev = deviance(y, mu);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  let ybar = 0;
  for (const v of y) ybar += v;
  ybar /= n;
  const nullDeviance = deviance(y, ybar);
  let loglik = 0;
  for (let i = 0; i < n; i++) loglik += y[i] === 1 ? Math.log(mu[i]) : Math.log1p(-mu[i]);
  const rank = fit ? fit.rank : 0;
  let separation = !converged;
  for (let i = 0; i < n; i++) if (mu[i] > 1 - 10 * EPS || mu[i] < 10 * EPS) separation = true;
  const z = qnorm(1 - (1 - confLevel) / 2);
  const coefficients = d.terms.map((term, j): LogisticCoefficient => {
    const b = fit ? fit.coef[j] : NaN;
    const se = fit ? Math.sqrt(fit.unscaledCov[j * p + j]) : NaN;
    const zz = b / se;
    const lo = b - z * se;
    const hi = b + z * se;
    return {
      term: term.name,
      estimate: b,
      se,
      statistic: zz,
      p: 2 * pnorm(-Math.abs(zz)),
      ciLower: lo,
      ciUpper: hi,
      oddsRatio: Math.exp(b),
      orLower: Math.exp(lo),
      orUpper: Math.exp(hi),
    };
  });
  return {
    method: 'Logistic regression (binomial GLM, logit link)',
    coefficients,
    deviance: dev,
    nullDeviance,
    dfResidual: n - rank,
    dfNull: n - 1,
    aic: -2 * loglik + 2 * rank,
    iterations,
    converged,
    separation,
    n,
    dropped: d.dropped,
    confLevel,
    factorLevels: d.factorLevels,
  };
}
