/**
 * Group summaries of scale scores as a mergeable accumulator: by one or more grouping columns (text or numeric
 * codes), per group the number of respondents and per scale n, mean, sd, se and the 95% CI
 * mean ± qt(.975, n − 1)·se of the scale score — the mean of the answered items as psych::scoreItems(impute =
 * "none"), reversed items scored min + max − x with min/max given or the observed extremes over all keyed items.
 *
 * The reversal constant is known only at the end, so each group keeps, per scale, the sums of u and v (see
 * reliability-accumulator.ts: score = c + u + (a − 2c)·v) and applies a in value().
 *
 * Rows whose grouping value is missing form their own group (value null). Small groups are suppressed:
 * a group with fewer than `minGroupSize` respondents (default 10) reports no numbers; then complementary
 * suppression makes sure no suppressed group can be recovered by subtraction from a figure the user can obtain
 * (the overall total, and every margin: each set of groups sharing the values of a proper subset of the grouping
 * columns): within every such set either no group is suppressed or the suppressed groups together hold at least
 * `minGroupSize` respondents — otherwise further groups of the set are suppressed, the choice that hides fewest
 * respondents (src/stats/complementary-suppression.ts), repeated until nothing changes.
 */
import { protectCells } from '../stats/complementary-suppression.ts';
import { requireColumn, type Table } from '../data/table.ts';
import { qt } from '../stats/distributions.ts';
import type { Keys } from './keys.ts';
import { TOT, describeAdd, describeInit, describeMerge, type DescribeOptions, type DescribeState, type GroupValue } from './describe-accumulator.ts';
import type { DescribeGroupJson, DescribeJson, ScaleSummaryJson } from './results.ts';

function summary(blk: Float64Array, o: number, c: number, bq: number): ScaleSummaryJson {
  const n = blk[o];
  const S = blk[o + 1] + bq * blk[o + 2];
  const SS = blk[o + 3] + 2 * bq * blk[o + 4] + bq * bq * blk[o + 5];
  const mean = n > 0 ? c + S / n : NaN;
  const sd = n > 1 ? Math.sqrt(Math.max(0, SS - (S * S) / n) / (n - 1)) : NaN;
  const se = sd / Math.sqrt(n);
  const q = n > 1 ? qt(0.975, n - 1) : NaN;
  return { n, mean, sd, se, ci: [mean - q * se, mean + q * se] };
}

function compareValues(a: GroupValue[], b: GroupValue[]): number {
  for (let j = 0; j < a.length; j++) {
    const x = a[j];
    const y = b[j];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * Which groups to suppress: primary (0 < n < threshold; an empty group describes nobody) and complementary, as
 * described at the top. Returns
 * 0 = shown, 1 = primary, 2 = complementary, per group.
 */
export function suppressGroups(values: readonly GroupValue[][], counts: readonly number[], threshold: number): Uint8Array {
  const G = counts.length;
  const state = new Uint8Array(G);
  if (threshold <= 1) return state;
  // an empty cell is shown as 0 (it describes nobody), so it needs no protection either
  for (let g = 0; g < G; g++) if (counts[g] > 0 && counts[g] < threshold) state[g] = 1;
  const nb = G ? values[0].length : 0;
  // every set of cells whose total the user can obtain: for each proper subset of the grouping columns, the
  // cells sharing the values of those columns (empty subset = all cells)
  const sets: number[][] = [];
  for (let mask = 0; mask < 1 << nb; mask++) {
    if (mask === (1 << nb) - 1) continue;
    const bykey = new Map<string, number[]>();
    for (let g = 0; g < G; g++) {
      const key = JSON.stringify(values[g].filter((_, j) => mask & (1 << j)));
      let arr = bykey.get(key);
      if (!arr) bykey.set(key, (arr = []));
      arr.push(g);
    }
    for (const arr of bykey.values()) sets.push(arr);
  }
  return protectCells(counts, [...state.keys()].filter((g) => state[g] === 1), sets, threshold);
}

export function describeValue(st: DescribeState): DescribeJson {
  const a = (st.options.max ?? st.max) + (st.options.min ?? st.min);
  const order = st.groups.map((_, i) => i).sort((i, j) => compareValues(st.groups[i].values, st.groups[j].values));
  const groups = order.map((i) => st.groups[i]);
  const thr = st.options.minGroupSize;
  const sup = suppressGroups(groups.map((g) => g.values), groups.map((g) => g.n), thr);
  return {
    groups: groups.map((g, gi): DescribeGroupJson => {
      const by: Record<string, GroupValue> = {};
      st.by.forEach((name, j) => (by[name] = g.values[j]));
      if (sup[gi]) return { by, n: sup[gi] === 1 ? `<${thr}` : 'suppressed', suppressed: true, scales: {} };
      const scales: Record<string, ScaleSummaryJson> = {};
      st.scales.forEach((sc, s) => {
        const c = st.shift[s];
        const anyRev = sc.signs.some((x) => x < 0);
        const bq = anyRev ? a - 2 * c : 0;
        scales[sc.name] = Number.isNaN(c) ? { n: 0, mean: NaN, sd: NaN, se: NaN, ci: [NaN, NaN] } : summary(g.blocks, s * TOT, c, bq);
      });
      return { by, n: g.n, suppressed: false, scales };
    }),
  };
}

export interface DescribeAccumulator {
  readonly state: DescribeState;
  add(chunk: Table): void;
  merge(other: DescribeAccumulator | DescribeState): void;
  value(): DescribeJson;
}

export function createDescribeAccumulator(keys: Keys, options: DescribeOptions): DescribeAccumulator {
  const state = describeInit(keys, options);
  return {
    state,
    add: (chunk) => describeAdd(state, chunk),
    merge: (other) => describeMerge(state, 'state' in other ? other.state : other),
    value: () => describeValue(state),
  };
}

/** In-memory form: the accumulator fed the whole table (grouping columns checked: 'unknown-column'). */
export function describe(table: Table, keys: Keys, options: DescribeOptions): DescribeJson {
  for (const name of options.by) requireColumn(table, name, 'the grouping columns');
  const acc = createDescribeAccumulator(keys, options);
  acc.add(table);
  return acc.value();
}
