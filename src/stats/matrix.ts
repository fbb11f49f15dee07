/**
 * Small dense matrix kernels (row-major Float64Array, n×n or m×n) for psychometrics: a one-sided Jacobi SVD,
 * the pseudo-inverse exactly as psych's `Pinv`, and `cov2cor`. Written out here (no dependency) because the
 * matrices are small (p ≤ ~100 items) and one-sided Jacobi gives singular values to high relative accuracy.
 */

export interface Svd {
  /** m×n row-major, columns = left singular vectors (for the first min(m, n) columns). */
  u: Float64Array;
  /** Singular values, descending. */
  d: Float64Array;
  /** n×n row-major, columns = right singular vectors. */
  v: Float64Array;
}

/**
 * Singular value decomposition X = U diag(d) Vᵀ of an m×n matrix (m >= n) by one-sided Jacobi (Hestenes)
 * rotations, singular values sorted in decreasing order as R's `svd`.
 */
export function svd(x: Float64Array, m: number, n: number): Svd {
  if (m < n) throw new Error('svd: needs m >= n (transpose first)');
  const a = x.slice(); // columns are orthogonalised in place
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let k = 0; k < m; k++) {
          const ai = a[k * n + i];
          const aj = a[k * n + j];
          alpha += ai * ai;
          beta += aj * aj;
          gamma += ai * aj;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < m; k++) {
          const ai = a[k * n + i];
          const aj = a[k * n + j];
          a[k * n + i] = c * ai - s * aj;
          a[k * n + j] = s * ai + c * aj;
        }
        for (let k = 0; k < n; k++) {
          const vi = v[k * n + i];
          const vj = v[k * n + j];
          v[k * n + i] = c * vi - s * vj;
          v[k * n + j] = s * vi + c * vj;
        }
      }
    }
    if (!rotated) break;
  }
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += a[k * n + j] * a[k * n + j];
    d[j] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => d[q] - d[p]);
  const u = new Float64Array(m * n);
  const vs = new Float64Array(n * n);
  const ds = new Float64Array(n);
  order.forEach((src, dst) => {
    ds[dst] = d[src];
    for (let k = 0; k < m; k++) u[k * n + dst] = d[src] > 0 ? a[k * n + src] / d[src] : 0;
    for (let k = 0; k < n; k++) vs[k * n + dst] = v[k * n + src];
  });
  return { u, d: ds, v: vs };
}

/**
 * psych's `Pinv(X, tol = sqrt(.Machine$double.eps))`: V diag(1/d) Uᵀ over the singular values
 * d > max(tol · d[1], 0). Square n×n input (all of psych's uses). NaN in the input gives an all-NaN result.
 */
export function pinv(x: Float64Array, n: number, tol = Math.sqrt(2.220446049250313e-16)): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) return out.fill(NaN);
  }
  const { u, d, v } = svd(x, n, n);
  const cut = Math.max(tol * d[0], 0);
  for (let k = 0; k < n; k++) {
    if (!(d[k] > cut)) continue;
    const inv = 1 / d[k];
    for (let i = 0; i < n; i++) {
      const vik = v[i * n + k] * inv;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += vik * u[j * n + k];
    }
  }
  return out;
}

/** R's `cov2cor`: r_ij = c_ij / sqrt(c_ii c_jj), diagonal set to exactly 1. */
export function cov2cor(c: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  const is = new Float64Array(n);
  for (let i = 0; i < n; i++) is[i] = 1 / Math.sqrt(c[i * n + i]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = is[i] * c[i * n + j] * is[j];
    out[i * n + i] = 1;
  }
  return out;
}

/** Sub-matrix without row/column `drop` (R's `C[-i, -i]`). */
export function dropIndex(m: Float64Array, n: number, drop: number): Float64Array {
  const k = n - 1;
  const out = new Float64Array(k * k);
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (i === drop) continue;
    let c = 0;
    for (let j = 0; j < n; j++) {
      if (j === drop) continue;
      out[r * k + c] = m[i * n + j];
      c++;
    }
    r++;
  }
  return out;
}

/** R's `sum(m)`. */
export function sumAll(m: Float64Array): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += m[i];
  return s;
}

/** psych's `tr(m)`: sum of the diagonal, NA removed. */
export function trace(m: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = m[i * n + i];
    if (v === v) s += v;
  }
  return s;
}
