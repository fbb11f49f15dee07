/**
 * Response-pattern counts: the fast path of Staffwell's scale accumulators for discrete items.
 *
 * Questionnaire items take a handful of integer codes (1–5, 0–3). For a scale of k such items with K codes, a
 * row's answers — each item one of the K codes or missing — form one of (K + 1)^k patterns, and every statistic
 * a scale accumulator keeps (pairwise co-moments, person totals, item–total products, value counts, complete
 * rows) is a sum over rows of a function of the row's pattern. So the accumulator can count patterns instead:
 * one table increment per row and scale, after k multiply-adds to form the pattern's index; the counts merge by
 * addition, and are folded into the ordinary sums once, at the end, with each distinct pattern weighted by its
 * count. Counts are integers, so the result is the same as adding the rows one by one (up to the order of
 * floating-point additions).
 *
 * Used when (K + 1)^k <= MAX_PATTERNS; otherwise, or when a value is not one of the K codes, the caller keeps
 * to its row-by-row path.
 */

/** Largest table (entries) a scale may use: 7 items with 5 codes (6^7 = 279,936) fit; 8 do not. */
export const MAX_PATTERNS = 1 << 19;

export interface PatternCounts {
  /** Lowest code; codes are lo, lo + 1, ..., lo + K - 1. */
  readonly lo: number;
  readonly K: number;
  /** Number of items. */
  readonly k: number;
  /** counts[index], index = Σ_i c_i (K+1)^i with c_i = x_i − lo, or K for missing. */
  readonly counts: Uint32Array;
}

/** A table for k items with codes lo..hi, or null when it would be too large. */
export function patternCountsInit(k: number, lo: number, hi: number): PatternCounts | null {
  const K = hi - lo + 1;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || K < 1 || K > 64) return null;
  const size = Math.pow(K + 1, k);
  if (size > MAX_PATTERNS) return null;
  return { lo, K, k, counts: new Uint32Array(size) };
}

/**
 * Counts rows [from, from + len) of the item columns. Returns false, without changing the counts, if some
 * present value is not one of the codes. `index` is scratch space of at least `len` entries.
 */
export function patternCountsAdd(pc: PatternCounts, cols: readonly Float64Array[], from: number, len: number, index: Int32Array): boolean {
  const { lo, K, counts } = pc;
  index.fill(0, 0, len);
  let mul = 1;
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i];
    const miss = K * mul;
    for (let r = 0; r < len; r++) {
      const a = x[from + r];
      if (a === a) {
        const c = a - lo;
        // c must be one of 0..K-1: (c >>> 0) === c rejects negatives and fractions, c < K the rest.
        if ((c >>> 0) !== c || c >= K) return false;
        index[r] += c * mul;
      } else {
        index[r] += miss;
      }
    }
    mul *= K + 1;
  }
  for (let r = 0; r < len; r++) counts[index[r]]++;
  return true;
}

/** Adds b's counts into a (same lo, K, k). */
export function patternCountsMerge(a: PatternCounts, b: PatternCounts): void {
  const x = a.counts;
  const y = b.counts;
  for (let j = 0; j < x.length; j++) x[j] += y[j];
}

export function samePatternLayout(a: PatternCounts, b: PatternCounts): boolean {
  return a.lo === b.lo && a.K === b.K && a.k === b.k;
}

/**
 * Calls `visit(values, count)` for every pattern seen, with `values[i]` the item's value or NaN when missing.
 * `values` is reused between calls.
 */
export function forEachPattern(pc: PatternCounts, visit: (values: Float64Array, count: number) => void): void {
  const { lo, K, k, counts } = pc;
  const values = new Float64Array(k);
  const base = K + 1;
  for (let p = 0; p < counts.length; p++) {
    const w = counts[p];
    if (w === 0) continue;
    let rest = p;
    for (let i = 0; i < k; i++) {
      const c = rest % base;
      rest = (rest - c) / base;
      values[i] = c === K ? NaN : lo + c;
    }
    visit(values, w);
  }
}
