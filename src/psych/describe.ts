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
 *
 * Inside a released group, each score's cell is judged the same way by the respondents who have that score: a
 * cell of fewer than `minGroupSize` (but not 0) is hidden (primary), and further cells of that score where a
 * released total would give it away (complementary; the hidden groups count as hidden cells of every score).
 * A hidden cell keeps its place with no figures and `suppressed` saying why (src/psych/describe-suppression.ts).
 */
import { marginSets, suppressGroups, suppressScoreCells, suppressedLabel } from './describe-suppression.ts';
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

export { suppressGroups } from './describe-suppression.ts';

export function describeValue(st: DescribeState): DescribeJson {
  const a = (st.options.max ?? st.max) + (st.options.min ?? st.min);
  const order = st.groups.map((_, i) => i).sort((i, j) => compareValues(st.groups[i].values, st.groups[j].values));
  const groups = order.map((i) => st.groups[i]);
  const thr = st.options.minGroupSize;
  const sets = marginSets(groups.map((g) => g.values));
  const sup = suppressGroups(groups.map((g) => g.values), groups.map((g) => g.n), thr, sets);
  // every group's summary of every scale (the hidden groups' n count towards the scales' complementary lines)
  const sums = groups.map((g) =>
    st.scales.map((sc, s): ScaleSummaryJson => {
      const c = st.shift[s];
      const anyRev = sc.signs.some((x) => x < 0);
      const bq = anyRev ? a - 2 * c : 0;
      return Number.isNaN(c) ? { n: 0, mean: NaN, sd: NaN, se: NaN, ci: [NaN, NaN] } : summary(g.blocks, s * TOT, c, bq);
    }),
  );
  const cells = st.scales.map((_, s) => suppressScoreCells(sup, sums.map((r) => r[s].n), thr, sets));
  return {
    groups: groups.map((g, gi): DescribeGroupJson => {
      const by: Record<string, GroupValue> = {};
      st.by.forEach((name, j) => (by[name] = g.values[j]));
      if (sup[gi]) return { by, n: suppressedLabel(sup[gi] === 1 ? 'primary' : 'complementary', thr), suppressed: true, scales: {} };
      const scales: Record<string, ScaleSummaryJson> = {};
      st.scales.forEach((sc, s) => (scales[sc.name] = cells[s][gi] ? suppressedSummary(cells[s][gi] === 1 ? 'primary' : 'complementary') : sums[gi][s]));
      return { by, n: g.n, suppressed: false, scales };
    }),
  };
}

/** A hidden score cell: no figures (NaN, null in JSON), only why it is hidden. */
function suppressedSummary(suppressed: 'primary' | 'complementary'): ScaleSummaryJson {
  return { n: NaN, mean: NaN, sd: NaN, se: NaN, ci: [NaN, NaN], suppressed };
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
