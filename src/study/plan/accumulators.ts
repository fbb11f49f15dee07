/**
 * The generic accumulators a study plan is compiled into (src/study/plan/plan-types.ts `AccSpec`), each init /
 * add / merge over plain data so that a chunk, a worker and the whole file use the same code. Worker side: no
 * distribution functions here (the analysis plans turn states into results on the calling thread).
 *
 * Group variables are level ids of the task's level sets; `merge` gets, per variable, the remap of the later
 * state's ids into the earlier one's.
 */
import { makeTable, type Column, type Table } from '../../data/table.ts';
import { lineOfRow } from '../../data/table.ts';
import { describeAdd, describeInit, describeMerge, type DescribeState } from '../../psych/describe-accumulator.ts';
import { reliabilityAdd, reliabilityFold, reliabilityInit, reliabilityMerge, type ReliabilityState } from '../../psych/reliability-accumulator.ts';
import { comomentsAdd, comomentsInit, comomentsMerge, type PairwiseComomentsState } from '../../stats/pairwise-comoments.ts';
import { affineBlock, blockLength, ssIndex } from '../../stats/moment-block.ts';
import { momentKernel } from '../../stats/moment-kernel.ts';
import { valueCode, valueIndexInit, type ValueIndex } from '../../stats/value-index.ts';
import { valueCountsAdd, valueCountsInit, valueCountsMerge, type ValueCountsState } from '../../stats/value-counts.ts';
import type { ChunkVariables, ResolvedVar } from './chunk-variables.ts';
import type { AccSpec } from './plan-types.ts';

type Remaps = ReadonlyMap<string, Int32Array>;

export interface AccEnv {
  readonly vars: ReadonlyMap<string, ResolvedVar>;
}

interface AccKind<S extends AccSpec, T> {
  init(spec: S, env: AccEnv): T;
  add(state: T, spec: S, v: ChunkVariables, env: AccEnv): void;
  finish?(state: T): void;
  merge(into: T, from: T, spec: S, remaps: Remaps): void;
}

type Of<K extends AccSpec['kind']> = Extract<AccSpec, { kind: K }>;

// ---- describe: psych's group summaries over a table of the study's variables

export interface DescribeAccState {
  d: DescribeState;
}

function labelsOf(env: AccEnv, id: string): readonly string[] {
  const r = env.vars.get(id)!;
  return r.as === 'group' ? r.levels.labels : [];
}

const describeKind: AccKind<Of<'describe'>, DescribeAccState> = {
  init(spec) {
    const scales = spec.scores.map((id, j) => ({ name: spec.names[j], items: [{ name: id, reversed: false }] }));
    return { d: describeInit({ source: '', scales }, { by: spec.byNames, minGroupSize: spec.minGroup }) };
  },
  add(st, spec, v, env) {
    // scores are the table's columns by variable id (the scales' single items), groups by their names
    const cols: Column[] = spec.scores.map((id) => ({ kind: 'number', name: id, values: v.numeric(id) }));
    spec.by.forEach((id, j) => cols.push({ kind: 'text', name: spec.byNames[j], codes: v.group(id), dictionary: labelsOf(env, id) }));
    describeAdd(st.d, makeTable({ source: v.chunk.source, columns: cols, nrows: v.n }));
  },
  merge(into, from) {
    describeMerge(into.d, from.d);
  },
};

// ---- reliability: psych::alpha's accumulator on the raw item columns

const reliabilityKind: AccKind<Of<'reliability'>, ReliabilityState> = {
  init: (spec) => reliabilityInit(spec.keys, { missing: spec.missing }),
  add: (st, _spec, v) => reliabilityAdd(st, v.chunk),
  finish: (st) => reliabilityFold(st),
  merge: (into, from) => reliabilityMerge(into, from),
};

// ---- counts: combinations of group levels

export interface CountsState {
  /** Level ids joined by ',' (−1 = missing) -> rows. */
  cells: Map<string, number>;
}

const countsKind: AccKind<Of<'counts'>, CountsState> = {
  init: () => ({ cells: new Map() }),
  add(st, spec, v, env) {
    // (a predictor's levels are counted only where the file makes it a factor)
    if (spec.vars.some((id) => env.vars.get(id)!.as !== 'group')) return;
    const ids = spec.vars.map((id) => v.group(id));
    const wn = spec.where && env.vars.get(spec.where)!.as === 'numeric' ? v.numeric(spec.where) : undefined;
    const wg = spec.where && !wn ? v.group(spec.where) : undefined;
    // a cell number per combination: ids + 1 in mixed radix of this chunk's largest id + 2, counted densely
    const radix = ids.map((g) => {
      let m = 0;
      for (let i = 0; i < g.length; i++) if (g[i] > m) m = g[i];
      return m + 2;
    });
    const size = radix.reduce((a, b) => a * b, 1);
    const dense = size <= 1 << 16 ? new Float64Array(size) : null;
    const local = new Map<number, number>();
    for (let i = 0; i < v.n; i++) {
      if ((wn && wn[i] !== wn[i]) || (wg && wg[i] < 0)) continue;
      let key = 0;
      for (let j = ids.length - 1; j >= 0; j--) key = key * radix[j] + ids[j][i] + 1;
      if (dense) dense[key]++;
      else local.set(key, (local.get(key) ?? 0) + 1);
    }
    if (dense) for (let key = 0; key < size; key++) if (dense[key] > 0) local.set(key, dense[key]);
    for (const [key, c] of local) {
      let k = key;
      const parts: number[] = [];
      for (let j = 0; j < ids.length; j++) {
        parts.push((k % radix[j]) - 1);
        k = Math.floor(k / radix[j]);
      }
      const s = parts.join(',');
      st.cells.set(s, (st.cells.get(s) ?? 0) + c);
    }
  },
  merge(into, from, spec, remaps) {
    for (const [key, c] of from.cells) {
      const s = remapKey(key, spec.vars, remaps);
      into.cells.set(s, (into.cells.get(s) ?? 0) + c);
    }
  },
};

function remapKey(key: string, vars: readonly string[], remaps: Remaps): string {
  if (key === '') return key;
  return key
    .split(',')
    .map((x, j) => {
      const id = Number(x);
      const r = remaps.get(vars[j]);
      return id < 0 || !r ? id : r[id];
    })
    .join(',');
}

// ---- group-values: a numeric variable's values per level of a group variable, in file order

export interface GroupValuesState {
  /** Value codes of the values (value-index.ts) while at most 65,535 are distinct, then the values themselves. */
  index: ValueIndex;
  /** Per level: the codes (or values) of its rows in file order, `length[k]` used. */
  values: (Uint16Array | Float64Array)[];
  length: number[];
  raw: boolean;
}

const groupValuesKind: AccKind<Of<'group-values'>, GroupValuesState> = {
  init: () => ({ index: valueIndexInit(65535), values: [], length: [], raw: false }),
  add(st, spec, v) {
    const y = v.numeric(spec.y);
    const g = spec.g ? v.group(spec.g) : new Int32Array(v.n);
    for (let i = 0; i < v.n; i++) {
      const x = y[i];
      const k = g[i];
      if (x !== x || k < 0) continue;
      pushValue(st, k, x);
    }
  },
  merge(into, from, spec, remaps) {
    const r = spec.g ? remaps.get(spec.g) : undefined;
    from.values.forEach((a, k) => {
      if (!a) return;
      const kk = r ? r[k] : k;
      for (let i = 0; i < from.length[k]; i++) pushValue(into, kk, from.raw ? a[i] : from.index.values[a[i]]);
    });
  },
};

function pushValue(st: GroupValuesState, k: number, x: number): void {
  let c = x;
  if (!st.raw) {
    c = valueCode(st.index, x);
    if (c < 0) {
      // too many distinct values for codes: keep the values
      st.values = st.values.map((a, j) => (a ? Float64Array.from(a.subarray(0, st.length[j]), (code) => st.index.values[code]) : a));
      st.raw = true;
      c = x;
    }
  }
  let a = st.values[k];
  const n = st.length[k] ?? 0;
  if (!a || a.length === n) {
    const b = st.raw ? new Float64Array(Math.max(256, 2 * n)) : new Uint16Array(Math.max(256, 2 * n));
    if (a) b.set(a.subarray(0, n) as never);
    st.values[k] = a = b;
  }
  a[n] = c;
  st.length[k] = n + 1;
}

/** Per level, its values in file order (undefined for a level without values). */
export function groupValueArrays(st: GroupValuesState): (Float64Array | undefined)[] {
  return st.values.map((a, k) => {
    if (!a) return undefined;
    const n = st.length[k];
    if (st.raw) return (a as Float64Array).subarray(0, n);
    const out = new Float64Array(n);
    const values = st.index.values;
    for (let i = 0; i < n; i++) out[i] = values[a[i]];
    return out;
  });
}

// ---- comoments

const comomentsKind: AccKind<Of<'comoments'>, PairwiseComomentsState> = {
  init: (spec) => comomentsInit(spec.vars.length, { listwise: spec.listwise }),
  add: (st, spec, v) => comomentsAdd(st, spec.vars.map((id) => v.numeric(id)), 0, v.n),
  merge: (into, from) => comomentsMerge(into, from),
};

// ---- cross-products: linear regression's sums per cell of the factors

export interface CrossProductsState {
  /** Numeric predictors (ids), then the outcome: the dimensions of the blocks. */
  numeric: string[];
  factors: string[];
  /** Shift per dimension (NaN until the first complete row). */
  shift: Float64Array;
  /** Factor level ids joined by ',' -> moment block (src/stats/moment-block.ts) of the numeric dimensions. */
  cells: Map<string, Float64Array>;
}

const crossProductsKind: AccKind<Of<'cross-products'>, CrossProductsState> = {
  init(spec, env) {
    const numeric = spec.predictors.filter((id) => env.vars.get(id)!.as === 'numeric');
    const factors = spec.predictors.filter((id) => env.vars.get(id)!.as === 'group');
    const d = numeric.length + 1;
    return { numeric: [...numeric, spec.y], factors, shift: new Float64Array(d).fill(NaN), cells: new Map() };
  },
  add(st, _spec, v) {
    const cols = st.numeric.map((id) => v.numeric(id));
    const fac = st.factors.map((id) => v.group(id));
    const d = cols.length;
    const B = blockLength(d);
    const n = v.n;
    // cells numbered in the mixed radix of this chunk's largest level ids; each complete row gets its cell's slot
    const radix = fac.map((g) => {
      let m = 0;
      for (let i = 0; i < n; i++) if (g[i] > m) m = g[i];
      return m + 1;
    });
    const slotOf = new Map<number, number>();
    const cellOf: number[] = [];
    const slot = scratchInt(n);
    const counts: number[] = [];
    const shift = st.shift;
    rows: for (let i = 0; i < n; i++) {
      slot[i] = -1;
      for (let j = 0; j < d; j++) if (cols[j][i] !== cols[j][i]) continue rows;
      let cell = 0;
      for (let j = fac.length - 1; j >= 0; j--) {
        const g = fac[j][i];
        if (g < 0) continue rows;
        cell = cell * radix[j] + g;
      }
      let k = slotOf.get(cell);
      if (k === undefined) {
        slotOf.set(cell, (k = cellOf.length));
        cellOf.push(cell);
        counts.push(0);
      }
      slot[i] = k;
      counts[k]++;
      if (shift[0] !== shift[0]) for (let j = 0; j < d; j++) shift[j] = cols[j][i];
    }
    if (cellOf.length === 0) return;
    // the complete rows gathered by cell (file order within a cell), shifted, then the co-moment kernel per cell
    const m = counts.reduce((a, b) => a + b, 0);
    const start: number[] = [];
    let o = 0;
    for (const c of counts) {
      start.push(o);
      o += c;
    }
    const Z = scratchZ(d * m);
    const at = start.slice();
    for (let i = 0; i < n; i++) {
      const k = slot[i];
      if (k < 0) continue;
      const r = at[k]++;
      for (let j = 0; j < d; j++) Z[j * m + r] = cols[j][i] - shift[j];
    }
    const kernel = momentKernel(d, false);
    // new cells enter the state in cell order (in order met beyond 4,096 combinations), as they always have:
    // the order in which the regression adds the cells up
    const order = cellOf.map((_, k) => k);
    if (radix.reduce((a, b) => a * b, 1) <= 4096) order.sort((a, b) => cellOf[a] - cellOf[b]);
    order.forEach((k) => {
      const cell = cellOf[k];
      const b = new Float64Array(B);
      kernel(Z, m, start[k], counts[k], null, b, 0);
      let c = cell;
      const parts: number[] = [];
      for (let j = 0; j < fac.length; j++) {
        parts.push(c % radix[j]);
        c = Math.floor(c / radix[j]);
      }
      const key = parts.join(',');
      const dst = st.cells.get(key);
      if (dst) for (let q = 0; q < B; q++) dst[q] += b[q];
      else st.cells.set(key, b);
    });
  },
  merge(into, from, _spec, remaps) {
    const d = into.numeric.length;
    if (into.shift[0] !== into.shift[0]) into.shift.set(from.shift);
    const t = new Float64Array(d);
    for (let j = 0; j < d; j++) t[j] = from.shift[j] - into.shift[j];
    const shifted = t.some((x) => x !== 0 && x === x);
    for (const [key, b] of from.cells) {
      const blk = b.slice();
      if (shifted) affineBlock(blk, 0, d, null, t);
      const k = remapKey(key, into.factors, remaps);
      const dst = into.cells.get(k);
      if (dst) for (let i = 0; i < blk.length; i++) dst[i] += blk[i];
      else into.cells.set(k, blk);
    }
  },
};

export { ssIndex };

// per-thread scratch of the cross-products' add (rows' cells, gathered rows)
let slotBuf = new Int32Array(0);
let zBuf = new Float64Array(0);
function scratchInt(n: number): Int32Array {
  if (slotBuf.length < n) slotBuf = new Int32Array(n);
  return slotBuf;
}
function scratchZ(n: number): Float64Array {
  if (zBuf.length < n) zBuf = new Float64Array(n);
  return zBuf;
}

// ---- rows: complete rows kept compactly (value codes) for a second pass

export interface RowsState {
  /** Per variable: 'numeric' values by code (value-index.ts), or a group's level ids. */
  kinds: ('numeric' | 'group')[];
  index: ValueIndex[];
  /** Codes per variable (Uint16 while the values fit, then Float64 values), `length` rows used. */
  codes: (Uint16Array | Int32Array | Float64Array)[];
  length: number;
}

const rowsKind: AccKind<Of<'rows'>, RowsState> = {
  init(spec, env) {
    const kinds = spec.vars.map((id) => (env.vars.get(id)!.as === 'numeric' ? ('numeric' as const) : ('group' as const)));
    return { kinds, index: spec.vars.map(() => valueIndexInit(65535)), codes: kinds.map((k) => (k === 'group' ? new Int32Array(1024) : new Uint16Array(1024))), length: 0 };
  },
  add(st, spec, v) {
    const cols = spec.vars.map((id, j) => (st.kinds[j] === 'numeric' ? v.numeric(id) : v.group(id)));
    const p = cols.length;
    for (let i = 0; i < v.n; i++) {
      let ok = true;
      for (let j = 0; j < p && ok; j++) {
        const x = cols[j][i];
        ok = st.kinds[j] === 'numeric' ? x === x : x >= 0;
      }
      if (!ok) continue;
      const r = st.length;
      if (r === st.codes[0].length) growRows(st);
      for (let j = 0; j < p; j++) {
        const x = cols[j][i];
        const a = st.codes[j];
        if (st.kinds[j] === 'group' || a instanceof Float64Array) {
          a[r] = x;
          continue;
        }
        const c = valueCode(st.index[j], x);
        if (c < 0) {
          st.codes[j] = decodeRows(st, j);
          st.codes[j][r] = x;
        } else a[r] = c;
      }
      st.length++;
    }
  },
  merge(into, from, spec, remaps) {
    const n = from.length;
    while (into.codes[0].length < into.length + n) growRows(into);
    spec.vars.forEach((id, j) => {
      const src = from.codes[j];
      const r = remaps.get(id);
      for (let i = 0; i < n; i++) {
        let x = src[i];
        if (from.kinds[j] === 'group') {
          into.codes[j][into.length + i] = r ? r[x] : x;
          continue;
        }
        if (!(src instanceof Float64Array)) x = from.index[j].values[x];
        const dst = into.codes[j];
        if (dst instanceof Float64Array) {
          dst[into.length + i] = x;
          continue;
        }
        const c = valueCode(into.index[j], x);
        if (c < 0) {
          into.codes[j] = decodeRows(into, j);
          into.codes[j][into.length + i] = x;
        } else dst[into.length + i] = c;
      }
    });
    into.length += n;
  },
};

function growRows(st: RowsState): void {
  st.codes = st.codes.map((a) => {
    const b = new (a.constructor as { new (n: number): typeof a })(a.length * 2);
    b.set(a as never);
    return b;
  });
}

function decodeRows(st: RowsState, j: number): Float64Array {
  const a = st.codes[j];
  const out = new Float64Array(a.length);
  const values = st.index[j].values;
  for (let i = 0; i < st.length; i++) out[i] = values[a[i]];
  return out;
}

/** Value of variable j in stored row i. */
export function rowValue(st: RowsState, j: number, i: number): number {
  const a = st.codes[j];
  return st.kinds[j] === 'group' || a instanceof Float64Array ? a[i] : st.index[j].values[a[i]];
}

// ---- columns: numeric variables, every row (ranks of continuous scores)

export interface ColumnsState {
  values: Float64Array[];
  length: number;
}

const columnsKind: AccKind<Of<'columns'>, ColumnsState> = {
  init: (spec) => ({ values: spec.vars.map(() => new Float64Array(1024)), length: 0 }),
  add(st, spec, v) {
    if (st.length + v.n > st.values[0].length) st.values = st.values.map((a) => grow64(a, st.length + v.n));
    spec.vars.forEach((id, j) => st.values[j].set(v.numeric(id).subarray(0, v.n), st.length));
    st.length += v.n;
  },
  merge(into, from) {
    if (into.length + from.length > into.values[0].length) into.values = into.values.map((a) => grow64(a, into.length + from.length));
    from.values.forEach((a, j) => into.values[j].set(a.subarray(0, from.length), into.length));
    into.length += from.length;
  },
};

function grow64(a: Float64Array, need: number): Float64Array {
  const b = new Float64Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

// ---- binary-check: the first value of a logistic outcome that is not 0 or 1

export interface BinaryCheckState {
  first: { line: number; value: number } | null;
}

const binaryCheckKind: AccKind<Of<'binary-check'>, BinaryCheckState> = {
  init: () => ({ first: null }),
  add(st, spec, v) {
    if (st.first) return;
    const y = v.numeric(spec.y);
    for (let i = 0; i < v.n; i++) {
      const x = y[i];
      if (x === x && x !== 0 && x !== 1) {
        st.first = { line: lineOfRow(v.chunk as Table, i), value: x };
        return;
      }
    }
  },
  merge(into, from) {
    if (!into.first) into.first = from.first;
  },
};

// ---- value-counts: a numeric variable's distinct values and their counts

const valueCountsKind: AccKind<Of<'value-counts'>, ValueCountsState> = {
  init: (spec) => valueCountsInit(spec.limit),
  add: (st, spec, v) => valueCountsAdd(st, v.numeric(spec.y)),
  merge: (into, from) => valueCountsMerge(into, from),
};

const KINDS: { [K in AccSpec['kind']]: AccKind<Of<K>, any> } = {
  describe: describeKind,
  reliability: reliabilityKind,
  counts: countsKind,
  'group-values': groupValuesKind,
  comoments: comomentsKind,
  'cross-products': crossProductsKind,
  rows: rowsKind,
  columns: columnsKind,
  'binary-check': binaryCheckKind,
  'value-counts': valueCountsKind,
};

export function accInit(spec: AccSpec, env: AccEnv): unknown {
  return KINDS[spec.kind].init(spec as never, env);
}

export function accAdd(state: unknown, spec: AccSpec, v: ChunkVariables, env: AccEnv): void {
  KINDS[spec.kind].add(state, spec as never, v, env);
}

export function accFinish(state: unknown, spec: AccSpec): void {
  KINDS[spec.kind].finish?.(state);
}

export function accMerge(into: unknown, from: unknown, spec: AccSpec, remaps: Remaps): void {
  KINDS[spec.kind].merge(into, from, spec as never, remaps);
}
