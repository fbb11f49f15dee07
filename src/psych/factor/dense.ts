/** Small dense row-major matrix helpers for the factor kernels (p×k loadings, k×k rotations). */

/** a (m×n) times b (n×k). */
export function matMul(a: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < n; l++) {
      const v = a[i * n + l];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] += v * b[l * k + j];
    }
  }
  return out;
}

/** aᵀ (m×n → n×m). */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a[i * n + j];
  return out;
}

/** aᵀ b for a (m×n), b (m×k): n×k. */
export function crossprod(a: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      const v = a[r * n + i];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] += v * b[r * k + j];
    }
  }
  return out;
}

/** L Lᵀ (or L Φ Lᵀ) for L p×k. */
export function modelMatrix(L: Float64Array, p: number, k: number, phi?: Float64Array | null): Float64Array {
  const LP = phi ? matMul(L, phi, p, k, k) : L;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += LP[i * k + c] * L[j * k + c];
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}

/** Columns `order` of a p×k matrix. */
export function selectColumns(a: Float64Array, p: number, k: number, order: readonly number[]): Float64Array {
  const out = new Float64Array(p * k);
  for (let i = 0; i < p; i++) order.forEach((src, dst) => (out[i * k + dst] = a[i * k + src]));
  return out;
}
