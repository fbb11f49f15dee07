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
import type { PatternSweep } from '../engine/coded-lane.ts';
import { sweepPatterns } from '../engine/pattern-sweep.ts';

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
  sweepPatterns(job);
  return { lo, K, k, T, classes, items, pairs, dMin, kPos, kRev };
}
