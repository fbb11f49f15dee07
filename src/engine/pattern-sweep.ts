/**
 * The sweep of a response-pattern table into the integer tables of src/psych/pattern-marginals.ts (which
 * explains them), in its two versions: a table the coded lane filled lives in the lane's WebAssembly memory and
 * is swept there (native/coded-lane.c `lane_sweep`: the same loops in the same order, about 3× as fast); any
 * other table by the JavaScript loops below. The counts are integers, so both give the same tables exactly.
 */
import type { PatternSweep } from './coded-lane.ts';
import { laneOf } from './wasm-lane.ts';

/** Adds the sweep of `job.counts` into `job.classes`, `job.items` and `job.pairs` (zeroed by the caller). */
export function sweepPatterns(job: PatternSweep): void {
  if (!laneOf(job.counts)?.sweep(job)) sweepJs(job);
}

/**
 * The JavaScript sweep, apart so that V8 optimises it once for all scales (inside a caller each call would start
 * again in the interpreter and wait for on-stack replacement).
 */
function sweepJs(job: PatternSweep): void {
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
