/**
 * psych::factor.scores (psych 2.2.9) as psych::fa calls it: factor score weights W (p×nf) for loadings f and
 * factor correlations Φ (S = fΦ is the structure), their R2 = diag(WᵀS), the correlations of the scores
 * cov2cor(Wᵀ r W), and the scores of each respondent.
 *
 * Methods (psych's names; "regression" is psych's "Thurstone"), each psych's formula:
 * - regression: W = r⁻¹ S; when r is singular psych falls back to the loadings themselves (W = f; its own
 *   pseudo-inverse branch is overwritten by a second solve), and so do we, with a warning;
 * - Bartlett: W = U⁻² f (fᵀU⁻²f)⁻¹ with U² = 1 − diag(fΦfᵀ);
 * - tenBerge: L = f Φ^½, C = r^-½ L (Lᵀ r̃⁻¹ L)^-½, W = r^-½ C Φ^½, with r̃ = cor.smooth(r) (r^-½ is of the
 *   unsmoothed r; the score correlations use r̃); if r̃ is singular, psych's regression fallback on the
 *   eigenvalue-floored matrix;
 * - Anderson: W = U⁻² f (fᵀU⁻² r U⁻² f)^-½;
 * - Harman: W = m⁻¹ f with m = f Sᵀ, diag(m) = 1.
 * Matrix square roots are psych's matSqrt (negative eigenvalues → machine epsilon) and invMatSqrt (eigenvalues
 * below epsilon → 100 epsilon), with psych's one-factor quirk (see symmetricPower). R2 follows psych's rule: when any R2 exceeds 1, is NaN, or their product is
 * negative, those above 1 in size and those ≤ 0 become NaN (psych's NA). For Bartlett, R2 is 1 in exact
 * arithmetic, so psych reports 1 or NA depending on the last bit; so does this.
 *
 * Scores: the items standardised as R's scale() (mean and n − 1 sd over each item's answers) times W; a
 * respondent with any item missing gets NaN (psych's default, missing = FALSE). With `impute` (psych's
 * missing = TRUE, impute = "median" | "mean"), missing answers are first replaced by the item's median or mean,
 * r for the weights is the correlation matrix of the imputed items (as psych computes it), and the scores are
 * psych's factorScoresSapa: the mean over items of w·z per factor, standardised again with scale().
 */
import { eigenSymmetric } from '../../stats/eigen-symmetric.ts';
import { luSolve } from '../../stats/lu.ts';
import { cov2cor } from '../../stats/matrix.ts';
import { comomentsAdd, comomentsInit, pairwiseCor } from '../../stats/pairwise-comoments.ts';
import { corSmooth } from './cor-smooth.ts';
import { crossprod, matMul, transpose } from './dense.ts';
import type { FactorWarning } from './factor-warning.ts';

export type FactorScoreMethod = 'regression' | 'Bartlett' | 'tenBerge' | 'Anderson' | 'Harman';
export const FACTOR_SCORE_METHODS: readonly FactorScoreMethod[] = ['regression', 'Bartlett', 'tenBerge', 'Anderson', 'Harman'];
export type FactorScoreImpute = 'none' | 'median' | 'mean';

export interface FactorScoreWeights {
  method: FactorScoreMethod;
  /** p×nf row-major. */
  weights: Float64Array;
  /** diag(WᵀS) per factor, NaN where psych reports NA. */
  r2: Float64Array;
  /** nf×nf correlations of the scores. */
  rScores: Float64Array;
  warnings: FactorWarning[];
}

const EPS = 2.220446049250313e-16;

/** psych's matSqrt (floor 0 → eps) or invMatSqrt (floor eps → 100 eps) of a symmetric matrix. */
function symmetricPower(a: Float64Array, n: number, inverse: boolean): Float64Array {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = i >= j ? a[i * n + j] : a[j * n + i];
  const { values, vectors } = eigenSymmetric(s, n);
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = values[k];
    d[k] = inverse ? 1 / Math.sqrt(v < EPS ? 100 * EPS : v) : Math.sqrt(v < 0 ? EPS : v);
  }
  // psych builds V diag(d) Vᵀ with R's diag(), which for a single number d makes an identity matrix of size d:
  // for a 1×1 matrix psych's result is 1 whenever 1 ≤ d < 2 (so one-factor tenBerge weights are the regression
  // weights), and R stops ("non-conformable arguments") for other d, where the true root is returned here.
  if (n === 1 && d[0] >= 1 && d[0] < 2) d[0] = 1;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += vectors[i * n + k] * d[k] * vectors[j * n + k];
      out[i * n + j] = t;
    }
  }
  return out;
}

/** U⁻² f: each row of f divided by its uniqueness 1 − diag(fΦfᵀ). */
function inverseUniquenessTimes(f: Float64Array, S: Float64Array, p: number, nf: number): Float64Array {
  const out = new Float64Array(p * nf);
  for (let i = 0; i < p; i++) {
    let h2 = 0;
    for (let c = 0; c < nf; c++) h2 += S[i * nf + c] * f[i * nf + c];
    const u = 1 / (1 - h2);
    for (let c = 0; c < nf; c++) out[i * nf + c] = u * f[i * nf + c];
  }
  return out;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/**
 * Score weights, R2 and score correlations for the p×p correlation matrix r and the p×nf loadings f (Φ null when
 * orthogonal). Never throws: what psych stops on (a singular matrix in Bartlett or Harman) gives NaN weights and
 * a `singular` warning.
 */
export function factorScoreWeights(
  r: Float64Array,
  p: number,
  f: Float64Array,
  nf: number,
  phi: Float64Array | null,
  method: FactorScoreMethod,
): FactorScoreWeights {
  const Phi = phi ?? identity(nf);
  const S = matMul(f, Phi, p, nf, nf);
  const warnings: FactorWarning[] = [];
  let rForScores = r;
  let w: Float64Array | null = null;
  switch (method) {
    case 'regression':
      w = luSolve(r, p, S, nf);
      if (!w) {
        warnings.push({ code: 'singular', message: 'I was unable to calculate the factor score weights, factor loadings used instead' });
        w = f.slice();
      }
      break;
    case 'tenBerge': {
      const L = matMul(f, symmetricPower(Phi, nf, false), p, nf, nf);
      const rHalfInv = symmetricPower(r, p, true);
      const rs = corSmooth(r, p).r;
      rForScores = rs;
      const invR = luSolve(rs, p, identity(p), p);
      if (!invR) {
        warnings.push({ code: 'singular', message: 'The tenBerge based scoring could not invert the correlation matrix, regression scores found instead' });
        const { values, vectors } = eigenSymmetric(rs, p);
        const floored = new Float64Array(p * p);
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
          let t = 0;
          for (let k = 0; k < p; k++) t += vectors[i * p + k] * (values[k] < EPS ? 100 * EPS : values[k]) * vectors[j * p + k];
          floored[i * p + j] = t;
        }
        for (let i = 0; i < p; i++) floored[i * p + i] = 1;
        rForScores = floored;
        w = luSolve(floored, p, f, nf);
      } else {
        const LtInvRL = crossprod(L, matMul(invR, L, p, p, nf), p, nf, nf);
        const C = matMul(matMul(rHalfInv, L, p, p, nf), symmetricPower(LtInvRL, nf, true), p, nf, nf);
        w = matMul(matMul(rHalfInv, C, p, p, nf), symmetricPower(Phi, nf, false), p, nf, nf);
      }
      break;
    }
    case 'Bartlett': {
      const uf = inverseUniquenessTimes(f, S, p, nf);
      const ftuf = crossprod(f, uf, p, nf, nf);
      const inv = luSolve(ftuf, nf, identity(nf), nf);
      w = inv ? matMul(uf, inv, p, nf, nf) : null;
      break;
    }
    case 'Anderson': {
      const uf = inverseUniquenessTimes(f, S, p, nf);
      const m = crossprod(uf, matMul(r, uf, p, p, nf), p, nf, nf);
      w = matMul(uf, symmetricPower(m, nf, true), p, nf, nf);
      break;
    }
    case 'Harman': {
      const m = matMul(f, transpose(S, p, nf), p, nf, p);
      for (let i = 0; i < p; i++) m[i * p + i] = 1;
      w = luSolve(m, p, f, nf);
      break;
    }
  }
  if (!w) {
    warnings.push({ code: 'singular', message: `the ${method} factor score weights need a matrix that is singular here` });
    w = new Float64Array(p * nf).fill(NaN);
  }
  const wS = crossprod(w, S, p, nf, nf);
  const r2 = Float64Array.from({ length: nf }, (_, c) => wS[c * nf + c]);
  let prod = 1;
  let bad = false;
  for (const v of r2) {
    prod *= v;
    if (v > 1 || Number.isNaN(v)) bad = true;
  }
  if (bad || prod < 0) for (let c = 0; c < nf; c++) if (Math.abs(r2[c]) > 1 || r2[c] <= 0) r2[c] = NaN;
  const rScores = cov2cor(crossprod(w, matMul(rForScores, w, p, p, nf), p, nf, nf), nf);
  return { method, weights: w, r2, rScores, warnings };
}

/** R's median of the answered values (the mean of the two middle ones when their number is even). */
function median(v: Float64Array): number {
  const xs = Array.from(v).filter((x) => x === x).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const h = xs.length >> 1;
  return xs.length % 2 ? xs[h] : (xs[h - 1] + xs[h]) / 2;
}

function meanSd(v: Float64Array): [number, number] {
  let n = 0;
  let s = 0;
  for (const x of v) if (x === x) { n++; s += x; }
  const m = s / n;
  let ss = 0;
  for (const x of v) if (x === x) ss += (x - m) ** 2;
  return [m, Math.sqrt(ss / Math.max(1, n - 1))];
}

/** R's scale() of one column: (x − mean) / sd over the answered values; NaN stays NaN. */
function standardise(v: Float64Array): Float64Array {
  const [m, sd] = meanSd(v);
  return v.map((x) => (x - m) / sd);
}

/** The item columns with missing answers replaced by the item's median or mean (psych's fa, missing = TRUE). */
export function imputeItems(columns: readonly Float64Array[], impute: 'median' | 'mean'): Float64Array[] {
  return columns.map((c) => {
    const fill = impute === 'median' ? median(c) : meanSd(c)[0];
    return c.map((x) => (x === x ? x : fill));
  });
}

/**
 * Scores of every respondent (one Float64Array of n per factor) from the item columns and p×nf weights:
 * scale(x) %*% W, NaN for a respondent with a missing item (impute "none"); with imputed items (already
 * complete), psych's factorScoresSapa: per factor the mean over items of w·z, standardised.
 */
export function factorScores(columns: readonly Float64Array[], weights: Float64Array, nf: number, imputed = false): Float64Array[] {
  const p = columns.length;
  const n = p ? columns[0].length : 0;
  const z = columns.map(standardise);
  const out: Float64Array[] = Array.from({ length: nf }, () => new Float64Array(n));
  for (let c = 0; c < nf; c++) {
    const s = out[c];
    for (let j = 0; j < p; j++) {
      const wj = weights[j * nf + c];
      const zj = z[j];
      for (let i = 0; i < n; i++) s[i] += zj[i] * wj;
    }
    if (imputed) {
      for (let i = 0; i < n; i++) s[i] /= p;
      out[c] = standardise(s);
    }
  }
  return out;
}

export interface FaScoresResult extends FactorScoreWeights {
  /** One array of n scores per factor. */
  scores: Float64Array[];
  impute: FactorScoreImpute;
}

/**
 * psych::fa(x, scores = method, missing, impute)'s scores from the raw item columns and fa's loadings and Φ: the
 * weights come from the Pearson (pairwise) correlations of the items, as psych's factor.scores computes them
 * from the data, whichever correlations (Pearson or polychoric) the loadings were fitted to; with `impute`, of
 * the imputed items.
 */
export function faScores(
  columns: readonly Float64Array[],
  f: Float64Array,
  nf: number,
  phi: Float64Array | null,
  method: FactorScoreMethod,
  impute: FactorScoreImpute = 'none',
): FaScoresResult {
  const p = columns.length;
  const x = impute === 'none' ? columns : imputeItems(columns, impute);
  const st = comomentsInit(p);
  comomentsAdd(st, x as Float64Array[]);
  const r = pairwiseCor(st);
  const w = factorScoreWeights(r, p, f, nf, phi, method);
  return { ...w, scores: factorScores(x, w.weights, nf, impute !== 'none'), impute };
}
