/**
 * The coded-lane consumer of the survey tasks (src/engine/coded-lane.ts): one pass over a lane chunk's scales
 * feeds every accumulator asked for — reliability's pattern counts, describe's group sums, and scale scores —
 * from the same scale rows, where the ordinary path reads the item columns once per accumulator.
 */
import { MAX_SCALE_ITEMS, type CodedChunk, type CodedConsumer } from '../engine/coded-lane.ts';
import type { Keys } from '../psych/keys.ts';
import { reliabilityCodedRows, type ReliabilityState } from '../psych/reliability-accumulator.ts';
import { describeCoded, type DescribeState } from '../psych/describe-accumulator.ts';

export interface CodedScaleTargets {
  reliability?: ReliabilityState;
  describe?: DescribeState;
  /**
   * Scale scores as psych's scoreItems(impute = "none"): the mean (or with `totals` the sum) of the answered
   * items after reversing with a = min + max. `take(scores, n)` receives them per chunk (valid during the call).
   */
  scores?: { min: number; max: number; totals?: boolean; take: (scores: Float64Array[], n: number, chunk: CodedChunk) => void };
}

/** The consumer for `keys`' scales, or undefined when no target can use the lane (or a scale is too long for it). */
export function codedScales(keys: Keys, targets: CodedScaleTargets): CodedConsumer | undefined {
  const { reliability, describe, scores } = targets;
  if (!reliability && !describe && !scores) return undefined;
  if (keys.scales.some((s) => s.items.length > MAX_SCALE_ITEMS)) return undefined;
  const items = [...new Set(keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
  const signs = keys.scales.map((s) => s.items.map((i) => (i.reversed ? -1 : 1)));
  const out: Float64Array[] = [];
  return {
    items,
    groups: describe ? describe.by : [],
    scores: scores ? keys.scales.length : 0,
    add(chunk: CodedChunk): number {
      const { lane } = chunk;
      const n = reliability ? reliabilityCodedRows(reliability, chunk) : chunk.nrows;
      if (n <= 0) return n;
      const groupSums = describe ? describeCoded(describe, chunk, n) : undefined;
      if (groupSums === null) return -1;
      keys.scales.forEach((sc, s) => {
        const pc = reliability?.scales[s].pattern;
        const idx = sc.items.map((i) => lane.item(i.name));
        const rows = lane.scale(idx, signs[s], pc ? pc.lo : 0, pc ? pc.K : 0, n);
        if (pc) lane.count(pc.counts, n);
        groupSums?.(s, rows);
        if (scores) out[s] = lane.score(s, scores.min + scores.max, !scores.totals, n);
      });
      if (scores) scores.take(out, n, chunk);
      return n;
    },
  };
}
