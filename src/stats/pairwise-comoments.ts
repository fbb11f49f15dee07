/**
 * Pairwise co-moments of p variables as a mergeable accumulator (init / add / merge / value).
 *
 * For every pair (i, j), i <= j, over the rows where both are present: n_ij, Σ x_i, Σ x_j, Σ x_i², Σ x_i x_j,
 * Σ x_j² (a moment block of dimension 2, see moment-block.ts), each relative to a per-variable shift. From these
 * come exactly R's
 *   - `cov(x, use = "pairwise")`: per-pair means, divided by n_ij − 1 ({@link pairwiseCov});
 *   - `cor(x, use = "pairwise")`: per-pair means *and* SDs ({@link pairwiseCor}); note cov2cor(cov) ≠ cor when
 *     data are missing;
 * and, with `listwise: true`, the same over complete rows only (`use = "complete.obs"` / `na.omit`).
 *
 * Shifts default to the first value seen of each variable, so sums stay small (exact for integer data whatever
 * the offset); accumulators with different shifts are re-shifted exactly when merged.
 */
import { affineBlock, blockLength } from './moment-block.ts';

const B = blockLength(2); // 6: n, Sx, Sy, Sxx, Sxy, Syy
const ROW_BLOCK = 65536;

export interface PairwiseComomentsState {
  readonly p: number;
  readonly listwise: boolean;
  readonly shift: Float64Array;
  /** Block of pair (i, j), i <= j, at offset (i * p + j) * 6. */
  readonly blocks: Float64Array;
}

export function comomentsInit(p: number, options: { listwise?: boolean; shifts?: ArrayLike<number> } = {}): PairwiseComomentsState {
  const shift = new Float64Array(p).fill(NaN);
  if (options.shifts) for (let i = 0; i < p; i++) shift[i] = options.shifts[i];
  return { p, listwise: options.listwise ?? false, shift, blocks: new Float64Array(p * p * B) };
}

/** Sets unset shifts from the first present value of each variable in rows [from, to). */
function ensureShifts(st: PairwiseComomentsState, columns: readonly Float64Array[], from: number, to: number): void {
  for (let v = 0; v < st.p; v++) {
    if (!Number.isNaN(st.shift[v])) continue;
    const x = columns[v];
    for (let r = from; r < to; r++) {
      if (x[r] === x[r]) {
        st.shift[v] = x[r];
        break;
      }
    }
  }
}

/**
 * Adds rows [from, to) of the columns (columns[i] is variable i). `mask`, if given, excludes rows with
 * mask[r] === 0 (used by callers that filter rows); with `listwise` rows with any missing value are excluded.
 * `preShifted`: the columns already hold x − shift (the shifts must be set), as the psych accumulators pass them.
 */
export function comomentsAdd(
  st: PairwiseComomentsState,
  columns: readonly Float64Array[],
  from = 0,
  to = columns.length ? columns[0].length : 0,
  mask?: Uint8Array,
  preShifted = false,
): void {
  const p = st.p;
  let keep = mask;
  if (st.listwise) {
    keep = new Uint8Array(to);
    for (let r = from; r < to; r++) {
      let ok = mask ? mask[r] : 1;
      for (let v = 0; ok && v < p; v++) if (columns[v][r] !== columns[v][r]) ok = 0;
      keep[r] = ok;
    }
  }
  if (keep) {
    // shifts from kept rows only
    for (let v = 0; v < p; v++) {
      if (!Number.isNaN(st.shift[v])) continue;
      const x = columns[v];
      for (let r = from; r < to; r++) {
        if (keep[r] && x[r] === x[r]) {
          st.shift[v] = x[r];
          break;
        }
      }
    }
  } else {
    ensureShifts(st, columns, from, to);
  }
  for (let i = 0; i < p; i++) {
    if (Number.isNaN(st.shift[i])) continue;
    const ci = preShifted ? 0 : st.shift[i];
    for (let j = i; j < p; j++) {
      if (Number.isNaN(st.shift[j])) continue;
      const cj = preShifted ? 0 : st.shift[j];
      const off = (i * p + j) * B;
      for (let b = from; b < to; b += ROW_BLOCK) {
        const e = Math.min(to, b + ROW_BLOCK);
        if (keep) pairKernelMasked(st.blocks, off, columns[i], columns[j], ci, cj, keep, b, e);
        else pairKernel(st.blocks, off, columns[i], columns[j], ci, cj, b, e);
      }
    }
  }
}

function pairKernel(out: Float64Array, off: number, x: Float64Array, y: Float64Array, cx: number, cy: number, from: number, to: number): void {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (let r = from; r < to; r++) {
    const a = x[r];
    const b = y[r];
    if (a === a && b === b) {
      const u = a - cx;
      const v = b - cy;
      n++;
      sx += u;
      sy += v;
      sxx += u * u;
      sxy += u * v;
      syy += v * v;
    }
  }
  out[off] += n;
  out[off + 1] += sx;
  out[off + 2] += sy;
  out[off + 3] += sxx;
  out[off + 4] += sxy;
  out[off + 5] += syy;
}

function pairKernelMasked(
  out: Float64Array, off: number, x: Float64Array, y: Float64Array, cx: number, cy: number, keep: Uint8Array, from: number, to: number,
): void {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (let r = from; r < to; r++) {
    const a = x[r];
    const b = y[r];
    if (keep[r] !== 0 && a === a && b === b) {
      const u = a - cx;
      const v = b - cy;
      n++;
      sx += u;
      sy += v;
      sxx += u * u;
      sxy += u * v;
      syy += v * v;
    }
  }
  out[off] += n;
  out[off + 1] += sx;
  out[off + 2] += sy;
  out[off + 3] += sxx;
  out[off + 4] += sxy;
  out[off + 5] += syy;
}

/** Merges `from` into `into` (same variables, same listwise setting), re-shifting where shifts differ. */
export function comomentsMerge(into: PairwiseComomentsState, from: PairwiseComomentsState): void {
  if (into.p !== from.p || into.listwise !== from.listwise) throw new Error('comomentsMerge: incompatible accumulators');
  const p = into.p;
  for (let v = 0; v < p; v++) if (Number.isNaN(into.shift[v])) into.shift[v] = from.shift[v];
  const t = new Float64Array(2);
  const block = new Float64Array(B);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const off = (i * p + j) * B;
      if (from.blocks[off] === 0) continue;
      for (let k = 0; k < B; k++) block[k] = from.blocks[off + k];
      const di = from.shift[i] - into.shift[i];
      const dj = from.shift[j] - into.shift[j];
      if (di !== 0 || dj !== 0) {
        t[0] = di;
        t[1] = dj;
        affineBlock(block, 0, 2, null, t);
      }
      for (let k = 0; k < B; k++) into.blocks[off + k] += block[k];
    }
  }
}

/** Copy of the state (for merging in a different order in tests, or snapshotting). */
export function comomentsClone(st: PairwiseComomentsState): PairwiseComomentsState {
  return { p: st.p, listwise: st.listwise, shift: st.shift.slice(), blocks: st.blocks.slice() };
}

function blockOf(st: PairwiseComomentsState, i: number, j: number): number {
  return (i <= j ? i * st.p + j : j * st.p + i) * B;
}

/** n_ij as a full symmetric p×p matrix (row-major). */
export function pairwiseN(st: PairwiseComomentsState): Float64Array {
  const p = st.p;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = st.blocks[blockOf(st, i, j)];
  return out;
}

/** Covariance of (i, j) over their common rows, divide n_ij − 1, or NaN when n_ij < 2. */
export function pairCov(st: PairwiseComomentsState, i: number, j: number): number {
  const o = blockOf(st, i, j);
  const b = st.blocks;
  const n = b[o];
  if (!(n >= 2)) return NaN;
  return (b[o + 4] - (b[o + 1] * b[o + 2]) / n) / (n - 1);
}

/** Pearson r of (i, j) over their common rows (that subset's own means and SDs), clamped to [−1, 1] as R. */
export function pairCor(st: PairwiseComomentsState, i: number, j: number): number {
  const o = blockOf(st, i, j);
  const b = st.blocks;
  const n = b[o];
  if (!(n >= 2)) return NaN;
  const sx = b[o + 1];
  const sy = b[o + 2];
  const mxx = b[o + 3] - (sx * sx) / n;
  const myy = b[o + 5] - (sy * sy) / n;
  const mxy = b[o + 4] - (sx * sy) / n;
  if (!(mxx > 0) || !(myy > 0)) return NaN;
  const r = mxy / Math.sqrt(mxx * myy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/** R's `cov(x, use = "pairwise")` (or over complete rows with `listwise`), full p×p row-major. */
export function pairwiseCov(st: PairwiseComomentsState): Float64Array {
  const p = st.p;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const v = pairCov(st, i, j);
      out[i * p + j] = v;
      out[j * p + i] = v;
    }
  }
  return out;
}

/** R's `cor(x, use = "pairwise")`, full p×p row-major, diagonal 1 where the variable has variance. */
export function pairwiseCor(st: PairwiseComomentsState): Float64Array {
  const p = st.p;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const v = i === j ? (pairCov(st, i, i) > 0 ? 1 : NaN) : pairCor(st, i, j);
      out[i * p + j] = v;
      out[j * p + i] = v;
    }
  }
  return out;
}

/** Per variable (over all its present rows): n, mean, variance, and Σ(x − shift), Σ(x − shift)². */
export function variableMoments(st: PairwiseComomentsState, i: number): { n: number; mean: number; variance: number; s: number; ss: number } {
  const o = blockOf(st, i, i);
  const b = st.blocks;
  const n = b[o];
  const s = b[o + 1];
  const ss = b[o + 3];
  return {
    n,
    mean: n > 0 ? st.shift[i] + s / n : NaN,
    variance: n >= 2 ? (ss - (s * s) / n) / (n - 1) : NaN,
    s,
    ss,
  };
}

/** Raw sums of pair (i, j) relative to the shifts: n, Σx_i, Σx_j, Σx_i², Σx_i x_j, Σx_j² over common rows. */
export function pairSums(st: PairwiseComomentsState, i: number, j: number): { n: number; si: number; sj: number; sii: number; sij: number; sjj: number } {
  const o = blockOf(st, i, j);
  const b = st.blocks;
  if (i <= j) return { n: b[o], si: b[o + 1], sj: b[o + 2], sii: b[o + 3], sij: b[o + 4], sjj: b[o + 5] };
  return { n: b[o], si: b[o + 2], sj: b[o + 1], sii: b[o + 5], sij: b[o + 4], sjj: b[o + 3] };
}
