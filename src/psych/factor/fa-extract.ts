/**
 * psych::fa's extraction step (psych 2.2.9 `fac`): unrotated loadings of a correlation matrix by
 *
 * - `minres` / `uls`: psych minimises over the uniquenesses Ψ (in [0.005, max(smc, 1)], from diag(S) − smc)
 *   with L-BFGS-B, using as gradient diag(LLᵀ + Ψ − S), L the first nf eigenvectors of S − Ψ scaled by the
 *   square roots of their (non-negative) eigenvalues. That is the exact gradient of
 *   F(Ψ) = ½[Σ_k λ_k² − Σ_{k≤nf} max(λ_k, 0)²] (λ the eigenvalues of S − Ψ), the unweighted least-squares
 *   criterion, which this minimises to a projected gradient of 1e-11 (R stops earlier: see stats/box-minimize.ts).
 *   Both names give the same solution (psych only changes the function its line search evaluates).
 * - `ml`: psych's FAfn/FAgr (eigenvalues of Ψ^-½ S Ψ^-½), minimised the same way.
 * - `pa`: principal axes exactly as psych iterates them (SMCs on the diagonal, until the change in the sum of
 *   communalities is below min.err = 0.001, at most 50 iterations), so it matches psych step for step.
 *
 * Eigenvector signs are arbitrary here as in LAPACK; psych's sign rule (make every column sum positive) is
 * applied afterwards in fa.ts, which is what makes the result unique.
 */
import { boxMinimize } from '../../stats/box-minimize.ts';
import { eigenSymmetric } from '../../stats/eigen-symmetric.ts';
import { smc } from '../../stats/smc.ts';
import type { FactorWarning } from './factor-warning.ts';

export type FactorMethod = 'minres' | 'uls' | 'ml' | 'pa';

export interface Extraction {
  /** p×nf row-major unrotated loadings (column signs not yet fixed). */
  loadings: Float64Array;
  /** psych's `communalities`: 1 − Ψ (minres, uls, ml) or the last sum-of-communalities iterate's values (pa). */
  communalities: Float64Array;
  /** Eigenvalues of the correlation matrix (psych's e.values). */
  eValues: Float64Array;
  /** Eigenvalues of the matrix with the model communalities on the diagonal (psych's values). */
  values: Float64Array;
  /** The criterion at the solution (ULS F(Ψ) for minres/uls, ML discrepancy for ml, NaN for pa). */
  criterion: number;
  iterations: number;
  converged: boolean;
  warnings: FactorWarning[];
}

const EPS = 2.220446049250313e-16;

/** F(Ψ) and its gradient for minres/uls. */
export function ulsCriterion(S: Float64Array, p: number, nf: number, psi: ArrayLike<number>, grad?: Float64Array): number {
  const M = S.slice();
  for (let i = 0; i < p; i++) M[i * p + i] -= psi[i];
  const { values, vectors } = eigenSymmetric(M, p);
  let f = 0;
  for (let k = 0; k < p; k++) f += values[k] * values[k];
  for (let k = 0; k < nf; k++) if (values[k] > 0) f -= values[k] * values[k];
  if (grad) {
    for (let i = 0; i < p; i++) {
      let h = 0;
      for (let k = 0; k < nf; k++) h += vectors[i * p + k] ** 2 * Math.max(values[k], 0);
      grad[i] = h + psi[i] - S[i * p + i];
    }
  }
  return f / 2;
}

/** psych's FAfn (ML discrepancy up to constants) and FAgr. */
export function mlCriterion(S: Float64Array, p: number, nf: number, psi: ArrayLike<number>, grad?: Float64Array): number {
  const sc = new Float64Array(p);
  for (let i = 0; i < p; i++) sc[i] = 1 / Math.sqrt(psi[i]);
  const M = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) M[i * p + j] = sc[i] * S[i * p + j] * sc[j];
  const { values, vectors } = eigenSymmetric(M, p);
  let e = 0;
  for (let k = nf; k < p; k++) e += Math.log(values[k]) - values[k];
  e = e - nf + p;
  if (grad) {
    for (let i = 0; i < p; i++) {
      let h = 0;
      for (let k = 0; k < nf; k++) h += vectors[i * p + k] ** 2 * Math.max(values[k] - 1, 0);
      h *= psi[i]; // (Ψ^½ L)(Ψ^½ L)ᵀ diagonal
      grad[i] = (h + psi[i] - S[i * p + i]) / (psi[i] * psi[i]);
    }
  }
  return -e;
}

function topLoadings(M: Float64Array, p: number, nf: number, shift = 0): { L: Float64Array; vectors: Float64Array; values: Float64Array } {
  const { values, vectors } = eigenSymmetric(M, p);
  const L = new Float64Array(p * nf);
  for (let k = 0; k < nf; k++) {
    const s = Math.sqrt(Math.max(values[k] - shift, 0));
    for (let i = 0; i < p; i++) L[i * nf + k] = vectors[i * p + k] * s;
  }
  return { L, vectors, values };
}

function eigenvaluesWithDiagonal(S: Float64Array, p: number, diag: ArrayLike<number>): Float64Array {
  const M = S.slice();
  for (let i = 0; i < p; i++) M[i * p + i] = diag[i];
  return eigenSymmetric(M, p).values;
}

export function extractFactors(S: Float64Array, p: number, nf: number, fm: FactorMethod): Extraction {
  const warnings: FactorWarning[] = [];
  const eValues = eigenSymmetric(S, p).values;
  const sSmc = smc(S, p);
  if (fm === 'pa') {
    const M = S.slice();
    for (let i = 0; i < p; i++) M[i * p + i] = nf <= p ? sSmc[i] : 1;
    let comm = 0;
    for (let i = 0; i < p; i++) comm += M[i * p + i];
    let err = comm;
    let iter = 1;
    let L: Float64Array = new Float64Array(p * nf);
    let values: Float64Array = new Float64Array(p);
    let comm1 = comm;
    const newDiag = new Float64Array(p);
    let converged = true;
    while (err > 0.001) {
      const t = topLoadings(M, p, nf);
      L = t.L;
      values = t.values;
      if (nf === 1) for (let i = 0; i < p; i++) L[i] = t.vectors[i * p] * Math.sqrt(t.values[0]);
      comm1 = 0;
      for (let i = 0; i < p; i++) {
        let h = 0;
        for (let k = 0; k < nf; k++) h += L[i * nf + k] ** 2;
        newDiag[i] = h;
        comm1 += h;
      }
      for (let i = 0; i < p; i++) M[i * p + i] = newDiag[i];
      err = Math.abs(comm - comm1);
      if (Number.isNaN(err)) break;
      comm = comm1;
      iter++;
      if (iter > 50) {
        warnings.push({ code: 'not_converged', message: 'maximum iteration exceeded' });
        converged = false;
        err = 0;
      }
    }
    // psych's "communalities" for pa is the last sum (comm1); per item the model communalities
    return { loadings: L, communalities: newDiag.slice(), eValues, values, criterion: NaN, iterations: iter - 1, converged, warnings };
  }
  let upper = 1;
  for (let i = 0; i < p; i++) upper = Math.max(upper, sSmc[i]);
  const start = new Float64Array(p);
  for (let i = 0; i < p; i++) start[i] = S[i * p + i] - sSmc[i];
  const crit = fm === 'ml' ? mlCriterion : ulsCriterion;
  const res = boxMinimize((x, g) => crit(S, p, nf, x, g), start, 0.005, upper);
  if (!res.converged) warnings.push({ code: 'not_converged', message: `the ${fm} fit did not converge (projected gradient ${res.projectedGradient.toExponential(2)})` });
  const psi = res.x;
  let L: Float64Array;
  if (fm === 'ml') {
    const sc = new Float64Array(p);
    for (let i = 0; i < p; i++) sc[i] = 1 / Math.sqrt(psi[i]);
    const M = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) M[i * p + j] = sc[i] * S[i * p + j] * sc[j];
    L = topLoadings(M, p, nf, 1).L;
    for (let i = 0; i < p; i++) for (let k = 0; k < nf; k++) L[i * nf + k] *= Math.sqrt(psi[i]);
  } else {
    const M = S.slice();
    for (let i = 0; i < p; i++) M[i * p + i] -= psi[i];
    L = topLoadings(M, p, nf).L;
  }
  const h2 = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let k = 0; k < nf; k++) h2[i] += L[i * nf + k] ** 2;
  const communalities = new Float64Array(p);
  for (let i = 0; i < p; i++) communalities[i] = 1 - psi[i];
  void EPS;
  return {
    loadings: L,
    communalities,
    eValues,
    values: eigenvaluesWithDiagonal(S, p, h2),
    criterion: res.value,
    iterations: res.iterations,
    converged: res.converged,
    warnings,
  };
}
