/**
 * Moment blocks: the storage unit of Staffwell's mergeable accumulators.
 *
 * A block of dimension d holds, for one subset of rows, the count and the raw power sums of a small vector z
 * of row-level quantities, each taken relative to a *shift* (e.g. an item value minus a typical value, so the
 * sums stay small and exact for integer data):
 *
 *     [ n, S_0 .. S_{d-1}, SS_00, SS_01 .. SS_0(d-1), SS_11, .. SS_(d-1)(d-1) ]   (upper triangle, row-major)
 *
 * so its length is 1 + d + d(d+1)/2 (6 for d = 2, 10 for d = 3). Blocks with the same shifts merge by adding
 * element-wise. Blocks whose shifts differ are first brought onto common shifts with {@link affineBlock}: if the
 * quantities change as z' = A z + t, the sums change as S' = A S + n t and SS' = A SS Aᵀ + (A S) tᵀ + t (A S)ᵀ
 * + n t tᵀ, which is exact algebra and stays accurate as long as t is of the order of the data's spread.
 */

export function blockLength(d: number): number {
  return 1 + d + (d * (d + 1)) / 2;
}

/** Index of SS_ij (i <= j) inside a block of dimension d. */
export function ssIndex(d: number, i: number, j: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  // rows 0..i-1 hold d, d-1, ... entries
  return 1 + d + i * d - (i * (i - 1)) / 2 + (j - i);
}

/**
 * Applies z' = A z + t to the block at `offset` in place. `A` is d×d row-major (null = identity).
 */
export function affineBlock(buf: Float64Array, offset: number, d: number, A: Float64Array | null, t: Float64Array): void {
  const n = buf[offset];
  const S = new Float64Array(d);
  const SS = new Float64Array(d * d);
  for (let i = 0; i < d; i++) S[i] = buf[offset + 1 + i];
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = buf[offset + ssIndex(d, i, j)];
      SS[i * d + j] = v;
      SS[j * d + i] = v;
    }
  }
  let AS = S;
  let ASSA = SS;
  if (A) {
    AS = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += A[i * d + k] * S[k];
      AS[i] = s;
    }
    const tmp = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += A[i * d + k] * SS[k * d + j];
        tmp[i * d + j] = s;
      }
    }
    ASSA = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += tmp[i * d + k] * A[j * d + k];
        ASSA[i * d + j] = s;
      }
    }
  }
  for (let i = 0; i < d; i++) buf[offset + 1 + i] = AS[i] + n * t[i];
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      buf[offset + ssIndex(d, i, j)] = ASSA[i * d + j] + AS[i] * t[j] + t[i] * AS[j] + n * t[i] * t[j];
    }
  }
}

/** Adds `src` into `dst` element-wise (both blocks on the same shifts). */
export function addInto(dst: Float64Array, src: Float64Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] += src[i];
}

/** Sample covariance (divide n − 1) of z_i and z_j from a block; NaN when n < 2. */
export function blockCov(buf: Float64Array, offset: number, d: number, i: number, j: number): number {
  const n = buf[offset];
  if (!(n >= 2)) return NaN;
  const si = buf[offset + 1 + i];
  const sj = buf[offset + 1 + j];
  return (buf[offset + ssIndex(d, i, j)] - (si * sj) / n) / (n - 1);
}
