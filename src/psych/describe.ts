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
 * `minGroupSize` respondents — otherwise the smallest unsuppressed group of the set is suppressed too, repeated
 * until nothing changes.
 */
import { findColumn, makeTable, requireColumn, type Table } from '../data/table.ts';
import type { CodedChunk, CodedLane, ScaleRows } from '../data/coded-lane.ts';
import { affineBlock, blockLength } from '../stats/moment-block.ts';
import { qt } from '../stats/distributions.ts';
import { groupTotalsKernel } from '../stats/row-kernels.ts';
import type { Keys, Scale } from './keys.ts';
import { requiredAnswers, type MinAnswered } from './score.ts';
import type { DescribeGroupJson, DescribeJson, ScaleSummaryJson } from './results.ts';

const TOT = blockLength(2); // n, Su, Sv, Suu, Suv, Svv

export interface DescribeOptions {
  /** Grouping columns (one or more). */
  by: readonly string[];
  /** Groups smaller than this are suppressed (default 10; 0 or 1 turns suppression off). */
  minGroupSize?: number;
  /** Response range for reversal; default the observed extremes over all keyed items. */
  min?: number;
  max?: number;
  /** Scores with fewer answered items are left out (not in psych). */
  minAnswered?: MinAnswered;
}

export type GroupValue = string | number | null;

export interface DescribeState {
  readonly by: readonly string[];
  readonly scales: readonly { name: string; items: string[]; signs: Int8Array }[];
  readonly options: { minGroupSize: number; min?: number; max?: number; minAnswered?: MinAnswered };
  /** Per scale shift (NaN until the first answer). */
  readonly shift: Float64Array;
  min: number;
  max: number;
  /** Group key (JSON of the values) → group index. */
  readonly index: Map<string, number>;
  readonly groups: { values: GroupValue[]; n: number; blocks: Float64Array }[];
}

export function describeInit(keys: Keys | readonly Scale[], options: DescribeOptions): DescribeState {
  const scales = 'scales' in keys ? keys.scales : keys;
  return {
    by: [...options.by],
    scales: scales.map((s) => ({ name: s.name, items: s.items.map((i) => i.name), signs: Int8Array.from(s.items.map((i) => (i.reversed ? -1 : 1))) })),
    options: { minGroupSize: options.minGroupSize ?? 10, min: options.min, max: options.max, minAnswered: options.minAnswered },
    shift: new Float64Array(scales.length).fill(NaN),
    min: Infinity,
    max: -Infinity,
    index: new Map(),
    groups: [],
  };
}

function groupSlot(st: DescribeState, values: GroupValue[]): number {
  const key = JSON.stringify(values);
  let g = st.index.get(key);
  if (g === undefined) {
    g = st.groups.length;
    st.index.set(key, g);
    st.groups.push({ values, n: 0, blocks: new Float64Array(st.scales.length * TOT) });
  }
  return g;
}

/** Group index of every row of the chunk (levels looked up once per distinct code/value, not per row). */
function rowGroups(st: DescribeState, chunk: Table): Int32Array {
  const n = chunk.nrows;
  const nb = st.by.length;
  const levelOf: Int32Array[] = [];
  const levelValues: GroupValue[][] = [];
  for (const name of st.by) {
    const c = findColumn(chunk, name);
    if (!c) throw new Error(`describeAdd: chunk has no column "${name}" (check the grouping columns first)`);
    const lv = new Int32Array(n);
    const values: GroupValue[] = [];
    if (c.kind === 'text') {
      const map = new Int32Array(c.dictionary.length).fill(-1);
      let missingLevel = -1;
      for (let r = 0; r < n; r++) {
        const code = c.codes[r];
        if (code < 0) {
          if (missingLevel < 0) {
            missingLevel = values.length;
            values.push(null);
          }
          lv[r] = missingLevel;
        } else {
          if (map[code] < 0) {
            map[code] = values.length;
            values.push(c.dictionary[code]);
          }
          lv[r] = map[code];
        }
      }
    } else {
      const map = new Map<number, number>();
      let missingLevel = -1;
      for (let r = 0; r < n; r++) {
        const x = c.values[r];
        if (x !== x) {
          if (missingLevel < 0) {
            missingLevel = values.length;
            values.push(null);
          }
          lv[r] = missingLevel;
        } else {
          let l = map.get(x);
          if (l === undefined) {
            l = values.length;
            map.set(x, l);
            values.push(x);
          }
          lv[r] = l;
        }
      }
    }
    levelOf.push(lv);
    levelValues.push(values);
  }
  const out = new Int32Array(n);
  const combo = new Map<number, number>();
  let radix = 1;
  const radices: number[] = [];
  for (let j = 0; j < nb; j++) {
    radices.push(radix);
    radix *= levelValues[j].length + 1;
  }
  const exact = radix < 2 ** 52;
  if (radix <= 1 << 16) {
    // Few combinations (the usual case): a dense table instead of a Map lookup per row.
    const slot = new Int32Array(radix).fill(-1);
    for (let r = 0; r < n; r++) {
      let key = 0;
      for (let j = 0; j < nb; j++) key += levelOf[j][r] * radices[j];
      let g = slot[key];
      if (g < 0) g = slot[key] = groupSlot(st, levelValues.map((v, j) => v[levelOf[j][r]]));
      out[r] = g;
    }
    return out;
  }
  const comboKey = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    let g: number | undefined;
    if (exact) {
      let key = 0;
      for (let j = 0; j < nb; j++) key += levelOf[j][r] * radices[j];
      g = combo.get(key);
      if (g === undefined) {
        g = groupSlot(st, levelValues.map((v, j) => v[levelOf[j][r]]));
        combo.set(key, g);
      }
    } else {
      const key = levelOf.map((l) => l[r]).join(',');
      g = comboKey.get(key);
      if (g === undefined) {
        g = groupSlot(st, levelValues.map((v, j) => v[levelOf[j][r]]));
        comboKey.set(key, g);
      }
    }
    out[r] = g;
  }
  return out;
}

export function describeAdd(st: DescribeState, chunk: Table): void {
  const gid = rowGroups(st, chunk);
  const nrows = chunk.nrows;
  for (let r = 0; r < nrows; r++) st.groups[gid[r]].n++;
  const mm = new Float64Array(2);
  const blocks = st.groups.map((g) => g.blocks);
  const G = blocks.length;
  const acc = new Float64Array(G * TOT);
  st.scales.forEach((sc, s) => {
    const cols = sc.items.map((name) => {
      const c = findColumn(chunk, name);
      if (!c || c.kind !== 'number') throw new Error(`describeAdd: chunk has no numeric column "${name}" (resolve the keys first)`);
      return c.values;
    });
    if (Number.isNaN(st.shift[s])) {
      outer: for (let r = 0; r < nrows; r++) {
        for (const x of cols) {
          if (x[r] === x[r]) {
            st.shift[s] = x[r];
            break outer;
          }
        }
      }
      if (Number.isNaN(st.shift[s])) return; // nothing answered yet
    }
    const need = Math.max(1, requiredAnswers(st.options.minAnswered, sc.items.length));
    acc.fill(0);
    mm[0] = st.min;
    mm[1] = st.max;
    groupTotalsKernel(sc.signs)(cols, 0, nrows, st.shift[s], need, gid, acc, mm);
    st.min = mm[0];
    st.max = mm[1];
    // into the groups' blocks, in one addition per group and sum
    const o = s * TOT;
    for (let g = 0; g < G; g++) {
      const blk = blocks[g];
      for (let j = 0; j < TOT; j++) blk[o + j] += acc[g * TOT + j];
    }
  });
}

/**
 * The coded lane's way in (src/data/coded-lane.ts): for rows [0, n) of a lane chunk, counts the rows per group,
 * widens the observed extremes, and returns the function that adds scale s's rows (the lane's current
 * `scale` rows) — what describeAdd does from item columns. Null when it cannot, for the rest of the scan (a
 * scale's shift, set by an earlier row, is not an integer, which the lane's integer sums need); the caller then
 * leaves the rows to describeAdd.
 */
export function describeCoded(st: DescribeState, chunk: CodedChunk, n: number): ((s: number, rows: ScaleRows) => void) | null {
  const { lane } = chunk;
  const items = st.scales.map((sc) => sc.items.map((name) => lane.item(name)));
  if (items.some((idx) => idx.some((i) => i < 0))) return null;
  // shifts first (the first answer in the chunk, in row then item order, as describeAdd takes it)
  const shift = Float64Array.from(st.shift);
  st.scales.forEach((sc, s) => {
    if (!Number.isNaN(shift[s])) return;
    const codes = items[s].map((i) => lane.codesOf(i, n));
    outer: for (let r = 0; r < n; r++) {
      for (const c of codes) {
        if (c[r] !== 255) {
          shift[s] = c[r];
          break outer;
        }
      }
    }
  });
  if (shift.some((c) => !Number.isNaN(c) && !Number.isInteger(c))) return null;
  st.shift.set(shift);
  const gid = lane.rowGroups(n);
  if (st.by.length === 1) laneGroups(st, lane, gid);
  else gid.set(rowGroups(st, makeTable({ source: chunk.source, columns: st.by.map((name) => lane.group(name, n)), nrows: n, firstRow: chunk.firstRow })));
  const rows = new Int32Array(st.groups.length);
  for (let r = 0; r < n; r++) rows[gid[r]]++;
  for (let g = 0; g < rows.length; g++) st.groups[g].n += rows[g];
  for (const i of new Set(items.flat())) {
    const [lo, hi] = lane.range(i, n);
    if (lo < st.min) st.min = lo;
    if (hi > st.max) st.max = hi;
  }
  const G = st.groups.length;
  const acc = new Float64Array(G * TOT);
  return (s, rows) => {
    const c = st.shift[s];
    if (Number.isNaN(c)) return; // nothing answered yet
    const sc = st.scales[s];
    const need = Math.max(1, requiredAnswers(st.options.minAnswered, sc.items.length));
    acc.fill(0);
    lane.groupTotals(c, need, acc, n);
    const o = s * TOT;
    for (let g = 0; g < G; g++) {
      const blk = st.groups[g].blocks;
      for (let j = 0; j < TOT; j++) blk[o + j] += acc[g * TOT + j];
    }
  };
}

/** Per state, the group slot of each lane dictionary id + 1 (0 = empty), for its one grouping column. */
const laneSlots = new WeakMap<DescribeState, { lane: CodedLane; slots: Int32Array }>();

/** rowGroups for one grouping column read by the coded lane, into `out`: one table lookup per row. */
function laneGroups(st: DescribeState, lane: CodedLane, out: Int32Array): void {
  const name = st.by[0];
  let memo = laneSlots.get(st);
  if (!memo || memo.lane !== lane) laneSlots.set(st, (memo = { lane, slots: new Int32Array(4097).fill(-1) }));
  const { slots } = memo;
  const ids = lane.groupIds(name, out.length);
  for (let r = 0; r < out.length; r++) {
    const e = ids[r] + 1;
    let g = slots[e];
    if (g < 0) g = slots[e] = groupSlot(st, [e === 0 ? null : lane.groupValue(name, e - 1)]);
    out[r] = g;
  }
}

/** Merges `from` into `into` (same keys and options), re-shifting where the scale shifts differ. */
export function describeMerge(into: DescribeState, from: DescribeState): void {
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  const S = into.scales.length;
  for (let s = 0; s < S; s++) if (Number.isNaN(into.shift[s])) into.shift[s] = from.shift[s];
  for (const g of from.groups) {
    const t = groupSlot(into, g.values);
    const dst = into.groups[t];
    dst.n += g.n;
    const blocks = g.blocks.slice();
    for (let s = 0; s < S; s++) {
      const d = from.shift[s] - into.shift[s];
      if (d !== 0 && !Number.isNaN(d)) affineBlock(blocks, s * TOT, 2, Float64Array.of(1, -2 * d, 0, 1), Float64Array.of(d, 0));
    }
    for (let j = 0; j < blocks.length; j++) dst.blocks[j] += blocks[j];
  }
}

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
 * Which groups to suppress: primary (n < threshold) and complementary, as described at the top. Returns
 * 0 = shown, 1 = primary, 2 = complementary, per group.
 */
export function suppressGroups(values: readonly GroupValue[][], counts: readonly number[], threshold: number): Uint8Array {
  const G = counts.length;
  const state = new Uint8Array(G);
  if (threshold <= 1) return state;
  for (let g = 0; g < G; g++) if (counts[g] < threshold) state[g] = 1;
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
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sets) {
      let held = 0;
      let any = false;
      for (const g of set) if (state[g]) {
        any = true;
        held += counts[g];
      }
      if (!any || held >= threshold) continue;
      let best = -1;
      for (const g of set) if (!state[g] && (best < 0 || counts[g] < counts[best])) best = g;
      if (best >= 0) {
        state[best] = 2;
        changed = true;
      }
    }
  }
  return state;
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
  for (const name of options.by) requireColumn(table, name, 'the grouping columns (--by)');
  const acc = createDescribeAccumulator(keys, options);
  acc.add(table);
  return acc.value();
}
