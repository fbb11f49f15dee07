/**
 * The regressions of a streamed study: R's lm from the cross-products accumulated per cell of the factors, and
 * R's glm(binomial) by the same iteratively reweighted least squares as src/inference/logistic-regression.ts over
 * the complete rows kept as value codes (a second pass in memory per iteration, no rescan of the file). Each
 * weighted least-squares step is solved from weighted cross-products (src/inference/least-squares-sscp.ts).
 */
import { pf, pnorm, pt, qnorm, qt } from '../../stats/distributions.ts';
import { ssIndex } from '../../stats/moment-block.ts';
import { momentKernel } from '../../stats/moment-kernel.ts';
import { sscpLeastSquares, type SscpFit } from '../../inference/least-squares-sscp.ts';
import type { LinearRegressionResult, LinearCoefficient } from '../../inference/linear-regression.ts';
import type { LogisticCoefficient, LogisticRegressionResult } from '../../inference/logistic-regression.ts';
import type { CrossProductsState, RowsState } from './accumulators.ts';

/** A model term after the intercept: a numeric predictor, or the dummy of one level of a factor. */
export interface Term {
  name: string;
  numeric: boolean;
  /** Numeric: its dimension in the cross-products (or its variable in the rows). */
  dim: number;
  /** Dummy: the factor's position among the factors (or its variable in the rows) and the level's task id. */
  factor: number;
  level: number;
}

/** lm(y ~ terms) from the cross-products; `factorLevels` and the terms as buildDesign would make them. */
export function linearFromCrossProducts(
  st: CrossProductsState,
  terms: readonly Term[],
  totalRows: number,
  factorLevels: Record<string, string[]>,
  confLevel = 0.95,
): LinearRegressionResult {
  const d = st.numeric.length; // numeric predictors + y (last)
  const yDim = d - 1;
  const q = terms.length;
  let N = 0;
  const S = new Float64Array(d);
  const SS = new Float64Array(d * d);
  const cells = [...st.cells].map(([key, b]) => ({ ids: key === '' ? [] : key.split(',').map(Number), b }));
  for (const { b } of cells) {
    N += b[0];
    for (let a = 0; a < d; a++) {
      S[a] += b[1 + a];
      for (let c = a; c < d; c++) SS[a * d + c] += b[ssIndex(d, a, c)];
    }
  }
  const ss = (a: number, c: number) => SS[Math.min(a, c) * d + Math.max(a, c)];
  // per term: Σ t (shifted for numerics), Σ t·z_a over the numeric dimensions, and Σ t·t' between dummies
  const sumT = new Float64Array(q);
  const sumTz = new Float64Array(q * d);
  const inCell = (t: Term, ids: number[]) => ids[t.factor] === t.level;
  terms.forEach((t, j) => {
    if (t.numeric) {
      sumT[j] = S[t.dim];
      for (let a = 0; a < d; a++) sumTz[j * d + a] = ss(t.dim, a);
      return;
    }
    for (const { ids, b } of cells) {
      if (!inCell(t, ids)) continue;
      sumT[j] += b[0];
      for (let a = 0; a < d; a++) sumTz[j * d + a] += b[1 + a];
    }
  });
  const C = new Float64Array(q * q);
  const norm2 = new Float64Array(q);
  const mean = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    const tj = terms[j];
    mean[j] = (tj.numeric ? st.shift[tj.dim] : 0) + sumT[j] / N;
    for (let k = j; k < q; k++) {
      const tk = terms[k];
      let raw: number;
      if (tj.numeric) raw = sumTz[k * d + tj.dim];
      else if (tk.numeric) raw = sumTz[j * d + tk.dim];
      else if (tj.factor === tk.factor) raw = tj.level === tk.level ? sumT[j] : 0;
      else {
        raw = 0;
        for (const { ids, b } of cells) if (inCell(tj, ids) && inCell(tk, ids)) raw += b[0];
      }
      const v = raw - (sumT[j] * sumT[k]) / N;
      C[j * q + k] = v;
      C[k * q + j] = v;
    }
    const s = tj.numeric ? st.shift[tj.dim] : 0;
    norm2[j] = tj.numeric ? ss(tj.dim, tj.dim) + 2 * s * S[tj.dim] + N * s * s : sumT[j];
  }
  const cy = new Float64Array(q);
  for (let j = 0; j < q; j++) cy[j] = sumTz[j * d + yDim] - (sumT[j] * S[yDim]) / N;
  const cyy = ss(yDim, yDim) - (S[yDim] * S[yDim]) / N;
  const my = st.shift[yDim] + S[yDim] / N;
  const fit = sscpLeastSquares(C, cy, cyy, q, norm2, 1e-7);
  const rank = 1 + fit.rank;
  const dfRes = N - rank;
  const sigma2 = fit.rss / dfRes;
  const tss = cyy;
  const mss = tss - fit.rss;
  const dfModel = rank - 1;
  const rSquared = mss / tss;
  const adjRSquared = 1 - (1 - rSquared) * ((N - 1) / dfRes);
  const fStatistic = mss / dfModel / sigma2;
  const qq = qt(1 - (1 - confLevel) / 2, dfRes);
  const sdY = Math.sqrt(cyy / (N - 1));
  const { b0, v0 } = intercept(fit, mean, my, q, N);
  const coef = (name: string, b: number, unscaled: number, beta: number): LinearCoefficient => {
    const se = Math.sqrt(sigma2 * unscaled);
    const t = b / se;
    return { term: name, estimate: b, se, statistic: t, p: 2 * pt(-Math.abs(t), dfRes), ciLower: b - qq * se, ciUpper: b + qq * se, standardizedBeta: beta };
  };
  const coefficients = [coef('(Intercept)', b0, v0, NaN)];
  terms.forEach((t, j) => {
    const b = fit.coef[j];
    coefficients.push(coef(t.name, b, fit.inv[j * q + j], t.numeric ? (b * Math.sqrt(C[j * q + j] / (N - 1))) / sdY : NaN));
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
    n: N,
    dropped: totalRows - N,
    rank,
    confLevel,
    factorLevels,
  };
}

/** The intercept of a centred fit and its unscaled variance 1/W + mᵀ C⁻¹ m (W the total weight). */
function intercept(fit: SscpFit, mean: Float64Array, my: number, q: number, W: number): { b0: number; v0: number } {
  let b0 = my;
  let v0 = 1 / W;
  for (let j = 0; j < q; j++) {
    if (fit.aliased[j]) continue;
    b0 -= fit.coef[j] * mean[j];
    for (let k = 0; k < q; k++) if (!fit.aliased[k]) v0 += mean[j] * fit.inv[j * q + k] * mean[k];
  }
  return { b0, v0 };
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / EPS;

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/**
 * glm(y ~ terms, family = binomial) over the kept rows: `y` is 0/1 per row; a term's value per row comes from
 * the rows state (a numeric variable's value, or 1 where a factor variable has the term's level).
 */
export function logisticFromRows(
  rows: RowsState,
  y: Float64Array,
  terms: readonly Term[],
  factorLevels: Record<string, string[]>,
  totalRows: number,
  options: { confLevel?: number; maxit?: number; epsilon?: number } = {},
): LogisticRegressionResult {
  const confLevel = options.confLevel ?? 0.95;
  const maxit = options.maxit ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const n = rows.length;
  const q = terms.length;
  // the terms' values per row: numeric terms as (codes, value table) or values, dummies as (level ids, level)
  const cols = terms.map((t) => {
    const a = rows.codes[t.dim];
    if (!t.numeric) return { ids: a as Int32Array, level: t.level, table: null as Float64Array | null, raw: null as Float64Array | null };
    if (a instanceof Float64Array) return { ids: null, level: -1, table: null, raw: a };
    return { ids: a as unknown as Int32Array, level: -1, table: Float64Array.from(rows.index[t.dim].values), raw: null };
  });
  const shift = new Float64Array(q);
  terms.forEach((t, j) => (shift[j] = t.numeric && n > 0 ? valueAt(cols[j], 0) : 0));
  const eta = new Float64Array(n);
  let devold = 0;
  for (let i = 0; i < n; i++) {
    const m0 = (y[i] + 0.5) / 2;
    eta[i] = Math.log(m0 / (1 - m0));
    const mu = linkinv(eta[i]);
    devold += 2 * (yLogY(y[i], mu) + yLogY(1 - y[i], 1 - mu));
  }
  let dev = devold;
  let converged = false;
  let iterations = 0;
  let fit: SscpFit | null = null;
  let b0 = NaN;
  let v0 = NaN;
  const D = q + 1; // the terms, then z
  const sums = new Float64Array(1 + D + (D * (D + 1)) / 2);
  // Rows in blocks: the terms' values decoded once per block and pass. A pass makes η (and the deviance) from the
  // last coefficients and, from that η, the weighted sums of the next least-squares step (unused if it converged):
  // per block, η column by column (terms in order, as a row's sum), then per row μ, the weight and the working
  // response, then the co-moment kernel over the shifted terms and the working response.
  const BS = 1024;
  const X = new Float64Array(D * BS);
  const W = new Float64Array(BS);
  const kernel = momentKernel(D, true);
  const coefs = new Float64Array(q);
  const pass = (update: boolean): number => {
    sums.fill(0);
    let deviance = 0;
    for (let from = 0; from < n; from += BS) {
      const len = Math.min(BS, n - from);
      for (let j = 0; j < q; j++) decode(cols[j], from, len, X, j * BS);
      if (update) {
        const e = eta.subarray(from, from + len);
        e.fill(b0);
        for (let j = 0; j < q; j++) {
          const cj = coefs[j];
          if (cj !== cj) continue;
          const o = j * BS;
          for (let r = 0; r < len; r++) e[r] += X[o + r] * cj;
        }
      }
      // μ is linkinv(η): the same number feeds the deviance (y is 0 or 1: one of its two terms is 0)
      const zo = q * BS;
      for (let r = 0; r < len; r++) {
        const e = eta[from + r];
        const yi = y[from + r];
        const ex = Math.exp(e);
        const t = e < MTHRESH ? EPS : e > THRESH ? INVEPS : ex;
        const mu = t / (1 + t);
        if (update) deviance += 2 * (yi !== 0 ? yLogY(yi, mu) : yLogY(1 - yi, 1 - mu));
        const opexp = 1 + ex;
        const me = e > THRESH || e < MTHRESH ? EPS : ex / (opexp * opexp);
        W[r] = (me * me) / (mu * (1 - mu));
        X[zo + r] = e + (yi - mu) / me;
      }
      for (let j = 0; j < q; j++) {
        const o = j * BS;
        const sj = shift[j];
        for (let r = 0; r < len; r++) X[o + r] -= sj;
      }
      kernel(X, BS, 0, len, W, sums, 0);
    }
    return deviance;
  };
  pass(false);
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    const W = sums[0];
    const at = (a: number, b: number) => sums[ssIndex(D, a, b)];
    const C = new Float64Array(q * q);
    const norm2 = new Float64Array(q);
    const mean = new Float64Array(q);
    const cz = new Float64Array(q);
    for (let a = 0; a < q; a++) {
      for (let b = a; b < q; b++) {
        const v = at(a, b) - (sums[1 + a] * sums[1 + b]) / W;
        C[a * q + b] = v;
        C[b * q + a] = v;
      }
      norm2[a] = at(a, a) + 2 * shift[a] * sums[1 + a] + W * shift[a] * shift[a];
      mean[a] = shift[a] + sums[1 + a] / W;
      cz[a] = at(a, q) - (sums[1 + a] * sums[1 + q]) / W;
    }
    const czz = at(q, q) - (sums[1 + q] * sums[1 + q]) / W;
    fit = sscpLeastSquares(C, cz, czz, q, norm2, Math.min(1e-7, epsilon / 1000));
    ({ b0, v0 } = intercept(fit, mean, sums[1 + q] / W, q, W));
    coefs.set(fit.coef);
    dev = pass(true);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let nullDeviance = 0;
  let loglik = 0;
  let separation = !converged;
  for (let i = 0; i < n; i++) {
    nullDeviance += 2 * (yLogY(y[i], ybar) + yLogY(1 - y[i], 1 - ybar));
    const mu = linkinv(eta[i]);
    loglik += y[i] === 1 ? Math.log(mu) : Math.log1p(-mu);
    if (mu > 1 - 10 * EPS || mu < 10 * EPS) separation = true;
  }
  const rank = fit ? 1 + fit.rank : 0;
  const z = qnorm(1 - (1 - confLevel) / 2);
  const coef = (name: string, b: number, unscaled: number): LogisticCoefficient => {
    const se = Math.sqrt(unscaled);
    const zz = b / se;
    const lo = b - z * se;
    const hi = b + z * se;
    return { term: name, estimate: b, se, statistic: zz, p: 2 * pnorm(-Math.abs(zz)), ciLower: lo, ciUpper: hi, oddsRatio: Math.exp(b), orLower: Math.exp(lo), orUpper: Math.exp(hi) };
  };
  const coefficients = [coef('(Intercept)', b0, v0), ...terms.map((t, j) => coef(t.name, fit ? fit.coef[j] : NaN, fit ? fit.inv[j * q + j] : NaN))];
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
    dropped: totalRows - n,
    confLevel,
    factorLevels,
  };
}

function linkinv(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

type TermColumn = { ids: Int32Array | null; level: number; table: Float64Array | null; raw: Float64Array | null };

/** Values of rows [from, from + len) of a term into out[at ..]. */
function decode(c: TermColumn, from: number, len: number, out: Float64Array, at: number): void {
  if (c.raw) out.set(c.raw.subarray(from, from + len), at);
  else if (c.table) {
    const ids = c.ids!;
    const tab = c.table;
    for (let r = 0; r < len; r++) out[at + r] = tab[ids[from + r]];
  } else {
    const ids = c.ids!;
    const l = c.level;
    for (let r = 0; r < len; r++) out[at + r] = ids[from + r] === l ? 1 : 0;
  }
}

function valueAt(c: TermColumn, i: number): number {
  if (c.raw) return c.raw[i];
  if (c.table) return c.table[c.ids![i]];
  return c.ids![i] === c.level ? 1 : 0;
}
