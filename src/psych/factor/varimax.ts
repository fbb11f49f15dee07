/**
 * R's stats::varimax (Kaiser normalisation on, eps = 1e-5, at most 1000 iterations: the SVD form of Kaiser's
 * algorithm) and psych's promax (psych's `kaiser(f, rotate = "Promax")`: rows normalised by √h², psych::Promax
 * with m = 4, i.e. varimax, target Q = x·|x|³, U = lm.fit(x, Q) rescaled so that diag((UᵀU)⁻¹) = 1,
 * Φ = U⁻¹U⁻ᵀ; rows scaled back). Both ported step for step.
 */
import { svd } from '../../stats/matrix.ts';
import { inverse, luSolve } from '../../stats/lu.ts';
import { crossprod, matMul, transpose } from './dense.ts';

export function varimax(x0: Float64Array, p: number, k: number, normalize = true, eps = 1e-5): { loadings: Float64Array; rotmat: Float64Array } {
  const x = x0.slice();
  const sc = new Float64Array(p).fill(1);
  if (normalize) {
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += x[i * k + c] ** 2;
      sc[i] = Math.sqrt(s);
      for (let c = 0; c < k; c++) x[i * k + c] /= sc[i];
    }
  }
  let TT: Float64Array = new Float64Array(k * k);
  for (let i = 0; i < k; i++) TT[i * k + i] = 1;
  let d = 0;
  for (let it = 0; it < 1000; it++) {
    const z = matMul(x, TT, p, k, k);
    const colSq = new Float64Array(k);
    for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) colSq[c] += z[i * k + c] ** 2;
    const Y = new Float64Array(p * k);
    for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) Y[i * k + c] = z[i * k + c] ** 3 - (z[i * k + c] * colSq[c]) / p;
    const B = crossprod(x, Y, p, k, k);
    const s = svd(B, k, k);
    TT = matMul(s.u, transpose(s.v, k, k), k, k, k);
    const dpast = d;
    d = s.d.reduce((a, v) => a + v, 0);
    if (d < dpast * (1 + eps)) break;
  }
  const z = matMul(x, TT, p, k, k);
  if (normalize) for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) z[i * k + c] *= sc[i];
  return { loadings: z, rotmat: TT };
}

/** psych::Promax(x, m) on already-normalised loadings. */
function promaxCore(x0: Float64Array, p: number, k: number, m: number): { loadings: Float64Array; rotmat: Float64Array; phi: Float64Array } {
  const vm = varimax(x0, p, k);
  const x = vm.loadings;
  const Q = x.map((v) => v * Math.abs(v) ** (m - 1));
  const xtx = crossprod(x, x, p, k, k);
  const xtq = crossprod(x, Q, p, k, k);
  let U: Float64Array = luSolve(xtx, k, xtq, k) ?? new Float64Array(k * k).fill(NaN);
  const utu = crossprod(U, U, k, k, k);
  const inv = inverse(utu, k) ?? new Float64Array(k * k).fill(NaN);
  const d = new Float64Array(k);
  for (let c = 0; c < k; c++) d[c] = Math.sqrt(inv[c * k + c]);
  U = U.map((v, i) => v * d[i % k]);
  const z = matMul(x, U, p, k, k);
  const rot = matMul(vm.rotmat, U, k, k, k);
  const ui = inverse(rot, k) ?? new Float64Array(k * k).fill(NaN);
  const phi = matMul(ui, transpose(ui, k, k), k, k, k);
  return { loadings: z, rotmat: rot, phi };
}

/** psych's fa(rotate = "promax"): kaiser(loadings, rotate = "Promax"). */
export function promax(f: Float64Array, p: number, k: number, m = 4): { loadings: Float64Array; rotmat: Float64Array; phi: Float64Array } {
  const h = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += f[i * k + c] ** 2;
    h[i] = Math.sqrt(s);
  }
  const w = f.map((v, i) => v / h[Math.floor(i / k)]);
  const r = promaxCore(w, p, k, m);
  return { ...r, loadings: r.loadings.map((v, i) => v * h[Math.floor(i / k)]) };
}
