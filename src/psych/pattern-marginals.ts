/**
 * The tables a scale's reliability sums are built from, read off its response-pattern counts in one sweep.
 *
 * Every sum the reliability accumulator keeps is a sum over rows of a function of at most two items' codes and
 * the row's *total class* — the person total depends on the row only through t = (D, np, nr): D = Σ_pos d − Σ_rev d
 * over the answered items' codes d, np / nr = how many positive / reversed items were answered. So instead of
 * expanding every distinct pattern into all its products (k² floating-point moment updates per pattern), the
 * sweep adds each pattern's count into three integer-valued tables, at most k + k(k−1)/2 increments per pattern
 * (pairs that do not involve the first item are added once per block of patterns differing only in that item):
 *   - `classes[t]`: rows per total class;
 *   - `items[(t·k + i)·K + d]`: rows of total class t that answered item i with code d (one pattern's updates
 *     fall in one block of k·K cells);
 *   - `pairs[(pair(i, j)·K + d_i)·K + d_j]`: rows that answered both items i < j, per pair of codes.
 * The caller turns these into moments once per cell. Counts are exact, so the moments are those of the rows.
 */
import type { PatternCounts } from '../stats/response-patterns.ts';
import { laneOf, type PatternSweep } from '../data/coded-lane.ts';

export interface PatternMarginals {
  /** Codes are lo + d, d = 0..K−1. */
  readonly lo: number;
  readonly K: number;
  readonly k: number;
  /** Number of total classes; class t ↔ (D, np, nr) via {@link totalClass}. */
  readonly T: number;
  readonly classes: Float64Array;
  readonly items: Float64Array;
  /** Pair index of (i, j), i < j: i·k − i(i+1)/2 + (j − i − 1). */
  readonly pairs: Float64Array;
  /** Reading a class index back. */
  readonly dMin: number;
  readonly kPos: number;
  readonly kRev: number;
}

export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i + 1)) / 2 + (j - i - 1);
}

/** (D, np, nr) of class t. */
export function totalClass(m: PatternMarginals, t: number): { D: number; np: number; nr: number } {
  const nr = t % (m.kRev + 1);
  const rest = (t - nr) / (m.kRev + 1);
  const np = rest % (m.kPos + 1);
  return { D: (rest - np) / (m.kPos + 1) + m.dMin, np, nr };
}

/**
 * The tables of `pc` for items with directions `signs` (+1 / −1). With `listwise`, patterns with a missing
 * answer are left out.
 */
export function patternMarginals(pc: PatternCounts, signs: Int8Array, listwise: boolean): PatternMarginals {
  const { K, k, lo, counts } = pc;
  let kPos = 0;
  let kRev = 0;
  for (let i = 0; i < k; i++) signs[i] < 0 ? kRev++ : kPos++;
  const dMin = -(K - 1) * kRev;
  const T = ((K - 1) * k + 1) * (kPos + 1) * (kRev + 1);
  const classes = new Float64Array(T);
  const items = new Float64Array(k * K * T);
  const pairs = new Float64Array(((k * (k - 1)) / 2) * K * K);
  const pairBase = new Int32Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairBase[i * k + j] = pairIndex(i, j, k) * K * K;
  const job: PatternSweep = { counts, K, k, signs, listwise, dMin, kPos, kRev, pairBase, classes, items, pairs };
  // A table the coded lane filled is swept there (native/coded-lane.c: the same loops, about 3× as fast).
  if (!laneOf(counts)?.sweep(job)) sweep(job);
  return { lo, K, k, T, classes, items, pairs, dMin, kPos, kRev };
}

/**
 * The sweep itself, apart so that V8 optimises it once for all scales (inside patternMarginals each call would
 * start again in the interpreter and wait for on-stack replacement).
 */
function sweep(job: PatternSweep): void {
  const { counts, K, k, signs, listwise, dMin, kPos, kRev, pairBase, classes, items, pairs } = job;
  const size = counts.length;
  // The table is swept in blocks of K + 1 entries that differ only in the first item's code d0; the other
  // digits (an odometer, dg[1..k-1], K = missing) and their part of (D, np, nr) are updated once per block.
  const B = K + 1;
  const dg = new Int32Array(k + 1);
  const s0 = signs[0] < 0 ? -1 : 1;
  const at = new Int32Array(k);
  const code = new Int32Array(k);
  for (let base = 0; base < size; base += B) {
    let D1 = 0;
    let np1 = 0;
    let nr1 = 0;
    let wBlock = 0;
    for (let d0 = 0; d0 < B; d0++) wBlock += counts[base + d0];
    if (wBlock !== 0) {
      // the block's answered items among 1..k-1, their codes, and their part of (D, np, nr)
      let m = 0;
      for (let i = 1; i < k; i++) {
        const d = dg[i];
        if (d === K) continue;
        at[m] = i;
        code[m] = d;
        m++;
        if (signs[i] < 0) {
          D1 -= d;
          nr1++;
        } else {
          D1 += d;
          np1++;
        }
      }
      // pairs of those items do not depend on d0: with pairwise counting, once per block
      let wPairs = wBlock;
      if (listwise) wPairs = m === k - 1 ? wBlock - counts[base + K] : 0;
      if (wPairs !== 0) {
        for (let a = 0; a < m; a++) {
          const row = at[a] * k;
          const o = code[a] * K;
          for (let b = a + 1; b < m; b++) pairs[pairBase[row + at[b]] + o + code[b]] += wPairs;
        }
      }
      for (let d0 = 0; d0 < B; d0++) {
        const w = counts[base + d0];
        if (w === 0) continue;
        let D = D1;
        let np = np1;
        let nr = nr1;
        if (d0 !== K) {
          D += s0 * d0;
          if (s0 < 0) nr++;
          else np++;
        }
        if (listwise && np + nr !== k) continue;
        const t = ((D - dMin) * (kPos + 1) + np) * (kRev + 1) + nr;
        classes[t] += w;
        const tb = t * k * K;
        for (let a = 0; a < m; a++) items[tb + at[a] * K + code[a]] += w;
        if (d0 === K) continue;
        items[tb + d0] += w;
        // pairs (0, j)
        const o = d0 * K;
        for (let a = 0; a < m; a++) pairs[pairBase[at[a]] + o + code[a]] += w;
      }
    }
    // next block: advance the odometer of digits 1..k-1
    let i = 1;
    while (i < k && ++dg[i] > K) {
      dg[i] = 0;
      i++;
    }
  }
}
