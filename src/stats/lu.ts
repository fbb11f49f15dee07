/**
 * LU decomposition with partial pivoting (as LAPACK dgetrf, which R's `solve` and `det` use) for small dense
 * square matrices (row-major), with the inverse and determinant built on it. A singular matrix (a zero pivot)
 * gives `null` from `inverse` (R's solve stops: "system is exactly singular") and 0 from `determinant`.
 */
export interface Lu {
  lu: Float64Array;
  pivot: Int32Array;
  sign: number;
  singular: boolean;
}

export function luDecompose(a: Float64Array, n: number): Lu {
  const lu = a.slice(0, n * n);
  const pivot = new Int32Array(n);
  let sign = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > max) { max = v; p = i; }
    }
    pivot[k] = p;
    if (p !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
    }
    const piv = lu[k * n + k];
    if (piv === 0 || !Number.isFinite(piv)) { singular = true; continue; }
    for (let i = k + 1; i < n; i++) {
      const m = (lu[i * n + k] /= piv);
      if (m === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= m * lu[k * n + j];
    }
  }
  return { lu, pivot, sign, singular };
}

/** R's `det(a)`. */
export function determinant(a: Float64Array, n: number): number {
  const { lu, sign, singular } = luDecompose(a, n);
  if (singular) return 0;
  let d = sign;
  for (let i = 0; i < n; i++) d *= lu[i * n + i];
  return d;
}

/** log|det(a)| and its sign (R's `determinant(a, logarithm = TRUE)`). */
export function logDeterminant(a: Float64Array, n: number): { modulus: number; sign: number } {
  const { lu, sign, singular } = luDecompose(a, n);
  if (singular) return { modulus: -Infinity, sign: 1 };
  let s = sign;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = lu[i * n + i];
    if (v < 0) s = -s;
    m += Math.log(Math.abs(v));
  }
  return { modulus: m, sign: s };
}

/** Solves a X = b for an n×m right-hand side (row-major), or null when a is singular. */
export function luSolve(a: Float64Array, n: number, b: Float64Array, m: number): Float64Array | null {
  const { lu, pivot, singular } = luDecompose(a, n);
  if (singular) return null;
  const x = b.slice(0, n * m);
  for (let k = 0; k < n; k++) {
    const p = pivot[k];
    if (p !== k) for (let j = 0; j < m; j++) { const t = x[k * m + j]; x[k * m + j] = x[p * m + j]; x[p * m + j] = t; }
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k];
      if (l !== 0) for (let j = 0; j < m; j++) x[i * m + j] -= l * x[k * m + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k];
      if (u !== 0) for (let j = 0; j < m; j++) x[i * m + j] -= u * x[k * m + j];
    }
    const d = lu[i * n + i];
    for (let j = 0; j < m; j++) x[i * m + j] /= d;
  }
  return x;
}

/** R's `solve(a)`, or null when a is singular. */
export function inverse(a: Float64Array, n: number): Float64Array | null {
  const id = new Float64Array(n * n);
  for (let i = 0; i < n; i++) id[i * n + i] = 1;
  return luSolve(a, n, id, n);
}
