/**
 * GPArotation's gradient projection algorithms (GPArotation 2022.10.2), ported step for step from
 * GPForth (orthogonal) and GPFoblq (oblique) with their criteria (vgQ.quartimax, vgQ.oblimin / quartimin,
 * vgQ.geomin, vgQ.bentler) and their defaults: start from the identity (GPArotation's only start in this
 * version: psych's fa asks for no random starts, so the result is deterministic), eps = 1e-5 on the projected
 * gradient, maxit = 1000, no Kaiser normalisation. Because the iterates are the same as R's, so is the point
 * where they stop.
 */
import { svd } from '../../stats/matrix.ts';
import { determinant, inverse } from '../../stats/lu.ts';
import { crossprod, matMul, transpose } from './dense.ts';

export type GpaCriterion = 'quartimax' | 'oblimin' | 'quartimin' | 'geomin' | 'bentler';

interface VgQ {
  f: number;
  Gq: Float64Array;
}

function vgQ(method: GpaCriterion, L: Float64Array, p: number, k: number, arg: number): VgQ {
  const Gq = new Float64Array(p * k);
  let f = 0;
  switch (method) {
    case 'quartimax':
      for (let i = 0; i < p * k; i++) {
        Gq[i] = -(L[i] ** 3);
        f += L[i] ** 4;
      }
      return { f: -f / 4, Gq };
    case 'oblimin':
    case 'quartimin': {
      const gam = method === 'oblimin' ? arg : 0;
      const L2 = L.map((v) => v * v);
      const X = new Float64Array(p * k); // L² (1 − I)
      for (let i = 0; i < p; i++) {
        let row = 0;
        for (let c = 0; c < k; c++) row += L2[i * k + c];
        for (let c = 0; c < k; c++) X[i * k + c] = row - L2[i * k + c];
      }
      if (gam !== 0) {
        const colMean = new Float64Array(k);
        for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) colMean[c] += X[i * k + c];
        for (let c = 0; c < k; c++) colMean[c] *= gam / p;
        for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) X[i * k + c] -= colMean[c];
      }
      for (let i = 0; i < p * k; i++) {
        Gq[i] = L[i] * X[i];
        f += L2[i] * X[i];
      }
      return { f: f / 4, Gq };
    }
    case 'geomin': {
      const delta = arg;
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += Math.log(L[i * k + c] ** 2 + delta);
        const pro = Math.exp(s / k);
        f += pro;
        for (let c = 0; c < k; c++) Gq[i * k + c] = (2 / k) * (L[i * k + c] / (L[i * k + c] ** 2 + delta)) * pro;
      }
      return { f, Gq };
    }
    case 'bentler': {
      const L2 = L.map((v) => v * v);
      const M = crossprod(L2, L2, p, k, k);
      const Mi = inverse(M, k) ?? new Float64Array(k * k).fill(NaN);
      const D = new Float64Array(k * k);
      for (let c = 0; c < k; c++) D[c * k + c] = 1 / M[c * k + c];
      const W = new Float64Array(k * k);
      for (let i = 0; i < k * k; i++) W[i] = Mi[i] - D[i];
      const L2W = matMul(L2, W, p, k, k);
      for (let i = 0; i < p * k; i++) Gq[i] = -L[i] * L2W[i];
      let logDetD = 0;
      for (let c = 0; c < k; c++) logDetD += Math.log(M[c * k + c]);
      return { f: -(logDetFromLu(M, k) - logDetD) / 4, Gq };
    }
  }
}

function logDetFromLu(M: Float64Array, k: number): number {
  return Math.log(determinant(M, k));
}

export interface GpaResult {
  /** p×k rotated loadings (pattern for oblique). */
  loadings: Float64Array;
  /** k×k rotation matrix Th. */
  Th: Float64Array;
  /** Factor correlations ThᵀTh (oblique), null for orthogonal. */
  phi: Float64Array | null;
  f: number;
  iterations: number;
  converged: boolean;
}

const sumSq = (a: Float64Array): number => a.reduce((s, v) => s + v * v, 0);

export function gpfOrth(A: Float64Array, p: number, k: number, method: GpaCriterion, arg = 0, eps = 1e-5, maxit = 1000): GpaResult {
  let T: Float64Array = new Float64Array(k * k);
  for (let i = 0; i < k; i++) T[i * k + i] = 1;
  let al = 1;
  let L: Float64Array = matMul(A, T, p, k, k);
  let V = vgQ(method, L, p, k, arg);
  let G: Float64Array = crossprod(A, V.Gq, p, k, k);
  let f = V.f;
  let s = Infinity;
  let iter = 0;
  for (iter = 0; iter <= maxit; iter++) {
    const M = crossprod(T, G, k, k, k);
    const Gp = new Float64Array(k * k);
    const Sym = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Sym[i * k + j] = (M[i * k + j] + M[j * k + i]) / 2;
    const TS = matMul(T, Sym, k, k, k);
    for (let i = 0; i < k * k; i++) Gp[i] = G[i] - TS[i];
    s = Math.sqrt(sumSq(Gp));
    if (s < eps) break;
    al *= 2;
    let Tt: Float64Array = T;
    for (let i = 0; i <= 10; i++) {
      const X = new Float64Array(k * k);
      for (let c = 0; c < k * k; c++) X[c] = T[c] - al * Gp[c];
      const d = svd(X, k, k);
      Tt = matMul(d.u, transpose(d.v, k, k), k, k, k);
      L = matMul(A, Tt, p, k, k);
      V = vgQ(method, L, p, k, arg);
      if (V.f < f - 0.5 * s * s * al) break;
      al /= 2;
    }
    T = Tt;
    f = V.f;
    G = crossprod(A, V.Gq, p, k, k);
  }
  return { loadings: L, Th: T, phi: null, f, iterations: iter, converged: s < eps };
}

export function gpfOblq(A: Float64Array, p: number, k: number, method: GpaCriterion, arg = 0, eps = 1e-5, maxit = 1000): GpaResult {
  let T: Float64Array = new Float64Array(k * k);
  for (let i = 0; i < k; i++) T[i * k + i] = 1;
  let al = 1;
  const invT = (t: Float64Array): Float64Array => inverse(t, k) ?? new Float64Array(k * k).fill(NaN);
  let Ti: Float64Array = invT(T);
  let L: Float64Array = matMul(A, transpose(Ti, k, k), p, k, k);
  let V = vgQ(method, L, p, k, arg);
  // G = −(Lᵀ Gq T⁻¹)ᵀ
  const gradient = (LL: Float64Array, Gq: Float64Array, Tinv: Float64Array): Float64Array => {
    const LtG = crossprod(LL, Gq, p, k, k);
    const X = matMul(LtG, Tinv, k, k, k);
    const out = transpose(X, k, k);
    for (let i = 0; i < k * k; i++) out[i] = -out[i];
    return out;
  };
  let G: Float64Array = gradient(L, V.Gq, Ti);
  let f = V.f;
  let s = Infinity;
  let iter = 0;
  for (iter = 0; iter <= maxit; iter++) {
    const Gp = new Float64Array(k * k);
    for (let c = 0; c < k; c++) {
      let cs = 0;
      for (let r = 0; r < k; r++) cs += T[r * k + c] * G[r * k + c];
      for (let r = 0; r < k; r++) Gp[r * k + c] = G[r * k + c] - T[r * k + c] * cs;
    }
    s = Math.sqrt(sumSq(Gp));
    if (s < eps) break;
    al *= 2;
    let Tt: Float64Array = T;
    let Tti: Float64Array = Ti;
    for (let i = 0; i <= 10; i++) {
      const X = new Float64Array(k * k);
      for (let c = 0; c < k * k; c++) X[c] = T[c] - al * Gp[c];
      Tt = new Float64Array(k * k);
      for (let c = 0; c < k; c++) {
        let ss = 0;
        for (let r = 0; r < k; r++) ss += X[r * k + c] ** 2;
        const v = 1 / Math.sqrt(ss);
        for (let r = 0; r < k; r++) Tt[r * k + c] = X[r * k + c] * v;
      }
      Tti = invT(Tt);
      L = matMul(A, transpose(Tti, k, k), p, k, k);
      V = vgQ(method, L, p, k, arg);
      const improvement = f - V.f;
      if (improvement > 0.5 * s * s * al) break;
      al /= 2;
    }
    T = Tt;
    Ti = Tti;
    f = V.f;
    G = gradient(L, V.Gq, Tti);
  }
  return { loadings: L, Th: T, phi: crossprod(T, T, k, k, k), f, iterations: iter, converged: s < eps };
}
