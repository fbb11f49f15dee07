/**
 * Householder QR least squares for regression: X (n × p, column-major) = QR, processed column by column. A column
 * whose remaining norm falls below `tol` × its original norm is aliased (collinear with earlier columns) and left
 * out, as R's dqrdc2 moves such columns to the end and lm reports NA for them.
 */
export interface LeastSquaresFit {
  /** Coefficients (NaN for aliased columns). */
  coef: Float64Array;
  aliased: boolean[];
  rank: number;
  /** Residuals y − Xb. */
  residuals: Float64Array;
  /** (XᵀX)⁻¹ over the non-aliased columns, p × p row-major (NaN rows/columns for aliased ones). */
  unscaledCov: Float64Array;
}

export function leastSquares(X: Float64Array, n: number, p: number, y: Float64Array, tol = 1e-7): LeastSquaresFit {
  const A = X.slice();
  const qty = y.slice();
  const aliased = new Array<boolean>(p).fill(false);
  const used: number[] = [];
  const vs: Float64Array[] = [];
  const R = new Float64Array(p * p); // R[k * p + col] for used row k
  for (let j = 0; j < p; j++) {
    const col = A.subarray(j * n, (j + 1) * n);
    let orig = 0;
    for (let i = 0; i < n; i++) orig += X[j * n + i] ** 2;
    orig = Math.sqrt(orig);
    // apply previous reflectors (already applied in place as we go) — col is current
    const k = used.length;
    let norm = 0;
    for (let i = k; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (k >= n || norm <= tol * orig || orig === 0) {
      aliased[j] = true;
      continue;
    }
    const alpha = col[k] > 0 ? -norm : norm;
    const v = new Float64Array(n);
    for (let i = k; i < n; i++) v[i] = col[i];
    v[k] -= alpha;
    let vnorm2 = 0;
    for (let i = k; i < n; i++) vnorm2 += v[i] * v[i];
    // apply H = I - 2 v vᵀ / (vᵀv) to remaining columns and to y
    const reflect = (w: Float64Array): void => {
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * w[i];
      const f = (2 * s) / vnorm2;
      for (let i = k; i < n; i++) w[i] -= f * v[i];
    };
    for (let jj = j; jj < p; jj++) reflect(A.subarray(jj * n, (jj + 1) * n));
    reflect(qty);
    vs.push(v);
    used.push(j);
  }
  const rank = used.length;
  for (let a = 0; a < rank; a++) for (let b = 0; b < rank; b++) R[a * p + b] = A[used[b] * n + a];
  // back-substitution R b = (Qᵀy)[0:rank]
  const bUsed = new Float64Array(rank);
  for (let a = rank - 1; a >= 0; a--) {
    let s = qty[a];
    for (let b = a + 1; b < rank; b++) s -= R[a * p + b] * bUsed[b];
    bUsed[a] = s / R[a * p + a];
  }
  // R⁻¹ (upper triangular), then (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ
  const Rinv = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    Rinv[c * rank + c] = 1 / R[c * p + c];
    for (let a = c - 1; a >= 0; a--) {
      let s = 0;
      for (let b = a + 1; b <= c; b++) s += R[a * p + b] * Rinv[b * rank + c];
      Rinv[a * rank + c] = -s / R[a * p + a];
    }
  }
  const coef = new Float64Array(p).fill(NaN);
  used.forEach((j, a) => (coef[j] = bUsed[a]));
  const unscaledCov = new Float64Array(p * p).fill(NaN);
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < rank; b++) {
      let s = 0;
      for (let c = Math.max(a, b); c < rank; c++) s += Rinv[a * rank + c] * Rinv[b * rank + c];
      unscaledCov[used[a] * p + used[b]] = s;
    }
  }
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (const j of used) f += X[j * n + i] * coef[j];
    residuals[i] = y[i] - f;
  }
  return { coef, aliased, rank, residuals, unscaledCov };
}
