/**
 * Per-variable moments as a mergeable accumulator (init / add / merge / value): count of present values, mean,
 * sample variance (divide n − 1, as R's `var`), sd, min and max, NaN-missing skipped.
 *
 * Sums are kept relative to a per-variable shift (the first value seen, unless given), so they stay small and
 * exact for integer data with any offset; accumulators with different shifts are re-shifted when merged.
 */
import { affineBlock } from './moment-block.ts';

export interface MomentsState {
  readonly p: number;
  /** Shift per variable (NaN = not set yet). */
  readonly shift: Float64Array;
  /** Per variable: [n, Σ(x−shift), Σ(x−shift)²]. */
  readonly sums: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export interface MomentsValue {
  n: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
  sd: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function momentsInit(p: number, shifts?: ArrayLike<number>): MomentsState {
  const shift = new Float64Array(p).fill(NaN);
  if (shifts) for (let i = 0; i < p; i++) shift[i] = shifts[i];
  return {
    p,
    shift,
    sums: new Float64Array(3 * p),
    min: new Float64Array(p).fill(Infinity),
    max: new Float64Array(p).fill(-Infinity),
  };
}

/** Adds rows [from, to) of each column (columns[i] is variable i). */
export function momentsAdd(st: MomentsState, columns: readonly Float64Array[], from = 0, to = columns.length ? columns[0].length : 0): void {
  for (let v = 0; v < st.p; v++) {
    const x = columns[v];
    let c = st.shift[v];
    if (Number.isNaN(c)) {
      for (let r = from; r < to; r++) {
        if (x[r] === x[r]) {
          c = x[r];
          st.shift[v] = c;
          break;
        }
      }
      if (Number.isNaN(c)) continue;
    }
    let n = 0;
    let s = 0;
    let ss = 0;
    let lo = st.min[v];
    let hi = st.max[v];
    for (let r = from; r < to; r++) {
      const a = x[r];
      if (a === a) {
        const y = a - c;
        n++;
        s += y;
        ss += y * y;
        if (a < lo) lo = a;
        if (a > hi) hi = a;
      }
    }
    st.sums[3 * v] += n;
    st.sums[3 * v + 1] += s;
    st.sums[3 * v + 2] += ss;
    st.min[v] = lo;
    st.max[v] = hi;
  }
}

/** Merges `from` into `into` (same variables). */
export function momentsMerge(into: MomentsState, from: MomentsState): void {
  if (into.p !== from.p) throw new Error('momentsMerge: different numbers of variables');
  const t = new Float64Array(1);
  for (let v = 0; v < into.p; v++) {
    if (Number.isNaN(from.shift[v])) continue;
    if (Number.isNaN(into.shift[v])) into.shift[v] = from.shift[v];
    const block = from.sums.slice(3 * v, 3 * v + 3);
    if (from.shift[v] !== into.shift[v]) {
      t[0] = from.shift[v] - into.shift[v];
      affineBlock(block, 0, 1, null, t);
    }
    into.sums[3 * v] += block[0];
    into.sums[3 * v + 1] += block[1];
    into.sums[3 * v + 2] += block[2];
    if (from.min[v] < into.min[v]) into.min[v] = from.min[v];
    if (from.max[v] > into.max[v]) into.max[v] = from.max[v];
  }
}

export function momentsValue(st: MomentsState): MomentsValue {
  const p = st.p;
  const out: MomentsValue = {
    n: new Float64Array(p),
    mean: new Float64Array(p),
    variance: new Float64Array(p),
    sd: new Float64Array(p),
    min: new Float64Array(p),
    max: new Float64Array(p),
  };
  for (let v = 0; v < p; v++) {
    const n = st.sums[3 * v];
    const s = st.sums[3 * v + 1];
    const ss = st.sums[3 * v + 2];
    out.n[v] = n;
    out.mean[v] = n > 0 ? st.shift[v] + s / n : NaN;
    const m2 = ss - (s * s) / n;
    out.variance[v] = n > 1 ? Math.max(0, m2) / (n - 1) : NaN;
    out.sd[v] = Math.sqrt(out.variance[v]);
    out.min[v] = n > 0 ? st.min[v] : NaN;
    out.max[v] = n > 0 ? st.max[v] : NaN;
  }
  return out;
}
