/**
 * Response-pattern counts: the fast path of Staffwell's scale accumulators for discrete items.
 *
 * Questionnaire items take a handful of integer codes (1–5, 0–3). For a scale of k such items with K codes, a
 * row's answers — each item one of the K codes or missing — form one of (K + 1)^k patterns, and every statistic
 * a scale accumulator keeps (pairwise co-moments, person totals, item–total products, value counts, complete
 * rows) is a sum over rows of a function of the row's pattern. So the accumulator can count patterns instead:
 * one table increment per row and scale, after k multiply-adds to form the pattern's index; the counts merge by
 * addition, and are folded into the ordinary sums once, at the end, with each distinct pattern weighted by its
 * count (src/psych/pattern-marginals.ts). Counts are integers, so the result is the same as adding the rows one by
 * one (up to the order of floating-point additions).
 *
 * Used when (K + 1)^k <= MAX_PATTERNS; otherwise, or when a value is not one of the K codes, the caller keeps
 * to its row-by-row path.
 */

import { patternIndexKernel } from './row-kernels.ts';

/**
 * Largest table (entries) a scale may use: 8 items with 5 codes (6^8 = 1,679,616; 6.7 MB of counts) fit, 9 do
 * not. A table costs a sweep of its entries at the end (src/psych/pattern-marginals.ts), so beyond a size of the
 * order of the rows counted the row-by-row path is as fast.
 */
export const MAX_PATTERNS = 1 << 21;

export interface PatternCounts {
  /** Lowest code; codes are lo, lo + 1, ..., lo + K - 1. */
  readonly lo: number;
  readonly K: number;
  /** Number of items. */
  readonly k: number;
  /** counts[index], index = Σ_i c_i (K+1)^i with c_i = x_i − lo, or K for missing. */
  readonly counts: Uint32Array;
}

/**
 * A table for k items with codes lo..hi, or null when it would have more than `limit` (or MAX_PATTERNS) entries.
 * `alloc` may provide the zeroed counts (the coded lane keeps them in its own memory).
 */
export function patternCountsInit(
  k: number,
  lo: number,
  hi: number,
  limit = MAX_PATTERNS,
  alloc?: (size: number) => Uint32Array | null,
): PatternCounts | null {
  const K = hi - lo + 1;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || K < 1 || K > 64) return null;
  const size = Math.pow(K + 1, k);
  if (size > Math.min(limit, MAX_PATTERNS)) return null;
  return { lo, K, k, counts: alloc?.(size) ?? new Uint32Array(size) };
}

/**
 * Counts rows [from, from + len) of the item columns. Returns false, without changing the counts, if some
 * present value is not one of the codes. `index` is scratch space of at least `len` entries.
 */
export function patternCountsAdd(pc: PatternCounts, cols: readonly Float64Array[], from: number, len: number, index: Int32Array): boolean {
  const { lo, K, counts } = pc;
  if (patternIndexKernel(cols.length)(cols, from, len, lo, K, index) >= 0) return false;
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
