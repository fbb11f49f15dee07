/**
 * R's `cor(x, use = "pairwise")` of item columns with the pairwise counts (psych's `pairwiseCount`), the way
 * the factor tools need them, with a fast path for complete data.
 *
 * - Complete columns (no NaN): the usual two-pass correlation — means, then the cross-products of the centred
 *   values, accumulated over blocks of rows that stay in cache (every pair's dot product over a block before the
 *   next block) — and every count n. It equals the pairwise co-moments' result to rounding (~1e-15).
 * - Otherwise: the pairwise co-moments (`pairwise-comoments.ts`: per-pair means and SDs, R's pairwise rule).
 * - Counts: n − missing_i − missing_j + missing in both, from each column's list of missing rows (no pass over
 *   the rows per pair).
 */
import { comomentsAdd, comomentsInit, pairwiseCor } from './pairwise-comoments.ts';

const ROWS = 2048;

/** Whether any value of the columns is NaN (missing). */
export function anyMissing(columns: readonly Float64Array[]): boolean {
  for (const c of columns) for (let r = 0; r < c.length; r++) if (c[r] !== c[r]) return true;
  return false;
}

/** p×p Pearson correlations of complete columns (no NaN). */
export function completeCorrelation(columns: readonly Float64Array[]): Float64Array {
  const p = columns.length;
  const n = p ? columns[0].length : 0;
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const c = columns[j];
    let s = 0;
    for (let r = 0; r < n; r++) s += c[r];
    mean[j] = s / n;
  }
  const cp = new Float64Array(p * p);
  const block = new Float64Array(ROWS * p);
  for (let from = 0; from < n; from += ROWS) {
    const m = Math.min(ROWS, n - from);
    for (let j = 0; j < p; j++) {
      const c = columns[j];
      const mu = mean[j];
      const off = j * ROWS;
      for (let r = 0; r < m; r++) block[off + r] = c[from + r] - mu;
    }
    // four pairs (i, j..j+3) per sweep of the block: each value of item i is loaded once for four products
    for (let i = 0; i < p; i++) {
      const oi = i * ROWS;
      let j = i;
      for (; j + 3 < p; j += 4) {
        const o0 = j * ROWS;
        const o1 = o0 + ROWS;
        const o2 = o1 + ROWS;
        const o3 = o2 + ROWS;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let r = 0; r < m; r++) {
          const a = block[oi + r];
          s0 += a * block[o0 + r];
          s1 += a * block[o1 + r];
          s2 += a * block[o2 + r];
          s3 += a * block[o3 + r];
        }
        cp[i * p + j] += s0;
        cp[i * p + j + 1] += s1;
        cp[i * p + j + 2] += s2;
        cp[i * p + j + 3] += s3;
      }
      for (; j < p; j++) {
        const oj = j * ROWS;
        let s0 = 0;
        for (let r = 0; r < m; r++) s0 += block[oi + r] * block[oj + r];
        cp[i * p + j] += s0;
      }
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    out[i * p + i] = 1;
    for (let j = i + 1; j < p; j++) {
      const v = cp[i * p + j] / Math.sqrt(cp[i * p + i] * cp[j * p + j]);
      out[i * p + j] = v;
      out[j * p + i] = v;
    }
  }
  return out;
}

/** p×p counts of the rows where both items are present (psych's pairwiseCount). */
export function pairwiseCounts(columns: readonly Float64Array[]): Float64Array {
  const p = columns.length;
  const n = p ? columns[0].length : 0;
  const missing = columns.map((c) => {
    const rows: number[] = [];
    for (let r = 0; r < n; r++) if (c[r] !== c[r]) rows.push(r);
    return rows;
  });
  const np = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const both = new Float64Array(p);
    for (const r of missing[i]) for (let j = i; j < p; j++) if (columns[j][r] !== columns[j][r]) both[j]++;
    for (let j = i; j < p; j++) np[i * p + j] = np[j * p + i] = n - missing[i].length - missing[j].length + both[j];
  }
  return np;
}

/** Pairwise Pearson correlations and counts of item columns (the complete-data path when nothing is missing). */
export function itemPearson(columns: readonly Float64Array[]): { r: Float64Array; np: Float64Array; complete: boolean } {
  const np = pairwiseCounts(columns);
  if (!anyMissing(columns)) return { r: completeCorrelation(columns), np, complete: true };
  const st = comomentsInit(columns.length);
  comomentsAdd(st, columns);
  return { r: pairwiseCor(st), np, complete: false };
}
