/**
 * The group-summary accumulator of src/psych/describe.ts (which explains the summaries and the suppression):
 * init, add (item columns, or the coded lane's scale rows), merge. Apart from the summaries so that a scan worker
 * does not load the distribution functions their confidence intervals need.
 */
import { findColumn, makeTable, type Table } from '../data/table.ts';
import { MAX_LANE_GROUPS, type CodedChunk, type CodedLane, type ScaleRows } from '../engine/coded-lane.ts';
import { affineBlock, blockLength } from '../stats/moment-block.ts';
import { groupTotalsKernel } from '../stats/row-kernels.ts';
import type { Keys, Scale } from './keys.ts';
import { requiredAnswers, type MinAnswered } from './score.ts';

/** Per group and scale: n, Σu, Σv, Σu², Σuv, Σv² (src/stats/moment-block.ts). */
export const TOT = blockLength(2);

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
 * The coded lane's way in (src/engine/coded-lane.ts): for rows [0, n) of a lane chunk, counts the rows per group,
 * widens the observed extremes, and returns the function that adds scale s's rows (the lane's current
 * `scale` rows) — what describeAdd does from item columns. Null when it cannot, for the rest of the scan (a
 * scale's shift, set by an earlier row, is not an integer, which the lane's integer sums need); the caller then
 * leaves the rows to describeAdd. Also null beyond MAX_LANE_GROUPS groups.
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
  const gid = lane.rowGroups(n);
  if (st.by.length === 1) laneGroups(st, lane, gid);
  else gid.set(rowGroups(st, makeTable({ source: chunk.source, columns: st.by.map((name) => lane.group(name, n)), nrows: n, firstRow: chunk.firstRow })));
  // (groups met here but left to describeAdd are added there again, with their rows)
  if (st.groups.length > MAX_LANE_GROUPS) return null;
  st.shift.set(shift);
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

