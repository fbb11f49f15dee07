/**
 * Least squares from accumulated (weighted) cross-products instead of the rows: the fit of an intercept and q
 * columns from their centred sums of squares and products C (q × q), the centred products with the outcome c and
 * the outcome's centred sum of squares. What a streamed regression keeps per chunk (src/study/plan/).
 *
 * Columns are taken in order, as the Householder QR of householder-qr.ts takes them: after the intercept
 * (centring), column j's squared residual norm on the columns kept before it is the Cholesky pivot of C; the
 * column is aliased (coefficient NaN, R's NA) when that norm is at most `tol` times the column's own norm
 * (`norm2[j]`: the uncentred Σ w x², what QR compares with). Equal decisions in exact arithmetic; from
 * cross-products a norm ratio below about 1e-7 is not resolved, so a smaller `tol` is raised to 1e-7.
 */
export interface SscpFit {
  /** Slopes of the q columns (NaN where aliased). */
  coef: Float64Array;
  aliased: boolean[];
  /** Columns kept (the intercept not counted). */
  rank: number;
  /** (CᵀC)⁻¹ of the kept columns: the slopes' unscaled covariance, q × q row-major (NaN rows/columns where aliased). */
  inv: Float64Array;
  /** Residual sum of squares cyy − Σ b_j c_j. */
  rss: number;
}

export function sscpLeastSquares(C: Float64Array, c: Float64Array, cyy: number, q: number, norm2: Float64Array, tol = 1e-7): SscpFit {
  const t2 = Math.max(tol, 1e-7) ** 2;
  const kept: number[] = [];
  const L = new Float64Array(q * q); // lower Cholesky factor over the kept columns (row a = kept[a])
  const aliased = new Array<boolean>(q).fill(true);
  const w = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    const k = kept.length;
    for (let a = 0; a < k; a++) {
      let s = C[kept[a] * q + j];
      for (let b = 0; b < a; b++) s -= L[a * q + b] * w[b];
      w[a] = s / L[a * q + a];
    }
    let piv = C[j * q + j];
    for (let a = 0; a < k; a++) piv -= w[a] * w[a];
    if (!(piv > t2 * norm2[j]) || !(norm2[j] > 0)) continue;
    for (let a = 0; a < k; a++) L[k * q + a] = w[a];
    L[k * q + k] = Math.sqrt(piv);
    kept.push(j);
    aliased[j] = false;
  }
  const r = kept.length;
  // L⁻¹ (lower), then inv = L⁻ᵀ L⁻¹
  const Li = new Float64Array(r * r);
  for (let a = 0; a < r; a++) {
    Li[a * r + a] = 1 / L[a * q + a];
    for (let b = 0; b < a; b++) {
      let s = 0;
      for (let m = b; m < a; m++) s += L[a * q + m] * Li[m * r + b];
      Li[a * r + b] = -s / L[a * q + a];
    }
  }
  const inv = new Float64Array(q * q).fill(NaN);
  const coef = new Float64Array(q).fill(NaN);
  for (let a = 0; a < r; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let m = a; m < r; m++) s += Li[m * r + a] * Li[m * r + b];
      inv[kept[a] * q + kept[b]] = s;
      inv[kept[b] * q + kept[a]] = s;
    }
  }
  let rss = cyy;
  for (let a = 0; a < r; a++) {
    let s = 0;
    for (let b = 0; b < r; b++) s += inv[kept[a] * q + kept[b]] * c[kept[b]];
    coef[kept[a]] = s;
  }
  for (let a = 0; a < r; a++) rss -= coef[kept[a]] * c[kept[a]];
  return { coef, aliased, rank: r, inv, rss };
}
