/**
 * psych's closed-form reliability statistics from a keyed covariance matrix C and correlation matrix R
 * (k×k row-major), ported line by line from psych 2.2.9 `alpha()` (its inner `alpha.1`, `alpha.drop`,
 * `item.stats`, `alpha.ci`) and `scoreItems()`. Pure kernels: NaN where a value is undefined, never throw.
 */
import { dropIndex, sumAll, trace } from '../stats/matrix.ts';
import { smc } from '../stats/smc.ts';
import { qf } from '../stats/distributions.ts';

export interface Alpha1 {
  raw: number;
  std: number;
  g6: number;
  averageR: number;
  signalNoise: number;
  /** Duhachek–Hattori Q; ase = sqrt(Q / nsub). */
  q: number;
  medianR: number;
}

/** psych's `alpha.1(C, R)` (the version inside `alpha()`, which also returns med.r). */
export function alpha1(C: Float64Array, R: Float64Array, n: number): Alpha1 {
  const trC = trace(C, n);
  const sumC = sumAll(C);
  const raw = (1 - trC / sumC) * (n / (n - 1));
  const sumR = sumAll(R);
  const std = (1 - n / sumR) * (n / (n - 1));
  const s = smc(R, n);
  let sumSmc = 0;
  for (let i = 0; i < n; i++) sumSmc += s[i];
  const g6 = 1 - (n - sumSmc) / sumR;
  const averageR = (sumR - n) / (n * (n - 1));
  const lower: number[] = [];
  for (let j = 0; j < n; j++) for (let i = j + 1; i < n; i++) {
    const v = R[i * n + j];
    if (!Number.isNaN(v)) lower.push(v);
  }
  const medianR = median(lower);
  const signalNoise = (n * averageR) / (1 - averageR);
  // tr(C %*% C) and sum(C %*% C) for a symmetric C.
  let trCC = 0;
  for (let i = 0; i < n * n; i++) trCC += C[i] * C[i];
  let sumCC = 0;
  for (let k = 0; k < n; k++) {
    let col = 0;
    let row = 0;
    for (let i = 0; i < n; i++) {
      col += C[i * n + k];
      row += C[k * n + i];
    }
    sumCC += col * row;
  }
  const q = ((2 * n * n) / ((n - 1) * (n - 1) * sumC * sumC * sumC)) * (sumC * (trCC + trC * trC) - 2 * (trC * sumCC));
  return { raw, std, g6, averageR, signalNoise, q, medianR };
}

/** R's `median(x)` (mean of the two middle values for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Raw alpha with item i dropped (psych `alpha.drop`), including psych's special case for 2 items. */
export function alphaIfDropped(C: Float64Array, R: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 2) {
    out[0] = C[1] / C[3];
    out[1] = C[1] / C[0];
    return out;
  }
  for (let i = 0; i < n; i++) {
    const Ci = dropIndex(C, n, i);
    const k = n - 1;
    out[i] = (1 - trace(Ci, k) / sumAll(Ci)) * (k / (k - 1));
  }
  void R;
  return out;
}

export interface ItemStats {
  stdR: Float64Array;
  rCor: Float64Array;
  rDrop: Float64Array;
}

/** psych `item.stats`: std.r = colSums(R)/sqrt(sum(R)); r.cor with SMC on the diagonal; r.drop from C. */
export function itemStats(C: Float64Array, R: Float64Array, n: number): ItemStats {
  const Vt = sumAll(R);
  const stdR = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[i * n + j];
    stdR[j] = s / Math.sqrt(Vt);
  }
  const RC = R.slice();
  const sm = smc(R, n);
  for (let i = 0; i < n; i++) RC[i * n + i] = sm[i];
  const Vtc = sumAll(RC);
  const rCor = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += RC[i * n + j];
    rCor[j] = s / Math.sqrt(Vtc);
  }
  const rDrop = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let col = 0;
    for (let j = 0; j < n; j++) col += C[j * n + i];
    const cii = C[i * n + i];
    const vDrop = sumAll(dropIndex(C, n, i));
    const cDrop = col - cii;
    rDrop[i] = cDrop / Math.sqrt(cii * vDrop);
  }
  return { stdR, rCor, rDrop };
}

/** Feldt's CI as psych's `alpha.ci(alpha, n.obs, n.var, p.val = .05)`: [lower, upper]. */
export function feldtCi(alpha: number, nObs: number, nVar: number, pVal = 0.05): [number, number] {
  const df1 = nObs - 1;
  const df2 = (nObs - 1) * (nVar - 1);
  if (!(df1 > 0) || !(df2 > 0) || Number.isNaN(alpha)) return [NaN, NaN];
  const high = 1 - (1 - alpha) * qf(pVal / 2, df1, df2);
  const low = 1 - (1 - alpha) * qf(1 - pVal / 2, df1, df2);
  return [low, high];
}

/** Duhachek CI as psych prints it: raw_alpha ± 1.96 · ase (a fixed 1.96). */
export function duhachekCi(alpha: number, ase: number): [number, number] {
  return [alpha - 1.96 * ase, alpha + 1.96 * ase];
}

/**
 * scoreItems' alpha for one scale from the (imputed or pairwise) item covariance C of its k items and the
 * keys (+1/−1): (V − Σ var) · k / ((k − 1) V) with V = kᵀ C k; NaN (1 item) becomes 1 as in psych.
 */
export function scoreItemsAlpha(C: Float64Array, signs: ArrayLike<number>, k: number): number {
  let V = 0;
  let sv = 0;
  for (let i = 0; i < k; i++) {
    sv += C[i * k + i];
    for (let j = 0; j < k; j++) V += signs[i] * signs[j] * C[i * k + j];
  }
  const a = ((V - sv) * k) / ((k - 1) * V);
  return Number.isNaN(a) ? 1 : a;
}
