/**
 * Single-pass, mergeable accumulator of everything psych's `alpha()` and scoreItems' alpha need, for every scale
 * of a keys file: feed it chunks (a chunk, a worker and a group use the same code), merge in any order, and
 * `reliabilityValue` (src/psych/reliability-value.ts) gives the reliability results.
 *
 * Per scale (its k items, keyed as the user gave them), over the rows it uses (all rows; complete rows only with
 * `missing: 'listwise'`):
 *   - pairwise co-moments of the items (→ psych's C = cov(x, use = "pairwise") and R);
 *   - the person total of alpha() — the mean of the answered items after reversing with a = min + max, where
 *     min/max are the scale's observed extremes, known only at the end. The total is kept as a polynomial in a:
 *     with c the scale's shift, u = (Σ_pos (x−c) − Σ_rev (x−c)) / k_ans and v = (#reversed answered) / k_ans,
 *     total = c + u + (a − 2c)·v, so the sums of u, v, u², uv, v² (and, per item over the rows that answered it,
 *     the same plus u·x, v·x) give mean(total), sd(total) and cor(total, item) exactly once a is known;
 *   - observed min/max, rows, complete rows, and a value histogram per item for exact medians (scoreItems'
 *     default median imputation), which in turn give the imputed covariance without a second pass.
 * All sums are relative to a per-scale shift (the first value seen), so they stay small and exact for integer
 * data at any offset; accumulators with different shifts are re-shifted exactly on merge.
 *
 * Fast path: while a scale's answers are integer codes in a small range, chunks only count response patterns
 * (src/stats/response-patterns.ts: one table increment per row), and the counts are folded into the sums above
 * when a scan task finishes (`reliabilityFold`), at `reliabilityValue`, at a merge with a state that has no
 * matching table, or when a value outside the codes turns up.
 */
import { findColumn, lineOfRow, type Table } from '../data/table.ts';
import type { CodedChunk } from '../engine/coded-lane.ts';
import { affineBlock, blockLength } from '../stats/moment-block.ts';
import { comomentsInit, comomentsAdd, comomentsMerge, type PairwiseComomentsState } from '../stats/pairwise-comoments.ts';
import { valueCountsAdd, valueCountsAddWeighted, valueCountsInit, valueCountsMerge, type ValueCountsState } from '../stats/value-counts.ts';
import {
  patternCountsAdd,
  patternCountsInit,
  patternCountsMerge,
  samePatternLayout,
  type PatternCounts,
} from '../stats/response-patterns.ts';
import { pairIndex, patternMarginals, totalClass } from './pattern-marginals.ts';
import type { Keys, Scale } from './keys.ts';

export type Impute = 'none' | 'median' | 'mean';

export interface ReliabilityOptions {
  /** How alpha() treats missing answers: psych's default pairwise, or listwise (complete rows only). */
  missing?: 'pairwise' | 'listwise';
  /** scoreItems' imputation for `scoreitems_alpha` (psych default "median"). */
  impute?: Impute;
  /**
   * How R is formed from the pairwise data. psych 2.2.9 (the Debian version the fixtures come from) uses
   * `R <- cov2cor(C)`; the reference notes report that psych 2.5.x uses `cor(x, use = "pairwise")`. Identical
   * with complete data. Default 'cov2cor'.
   */
  correlation?: 'cov2cor' | 'pairwise';
  /**
   * Count response patterns while the answers are small integer codes: true whenever possible, false never (row
   * by row). Default: when the scale's table has at most PATTERNS_PER_ROW entries per row of the first chunk
   * (a table costs a sweep of all its entries at the end, which a small file does not repay).
   */
  patterns?: boolean;
  /** Declared response range: values outside are reported (`outOfRange`). Does not change alpha's flipping. */
  min?: number;
  max?: number;
}

/** Offsets in a scale's `tot` and `itm` blocks (src/stats/moment-block.ts). */
export const TOT = blockLength(2); // (u, v): n, Su, Sv, Suu, Suv, Svv
export const ITM = blockLength(3); // (u, v, x): n, Su, Sv, Sx, Suu, Suv, Sux, Svv, Svx, Sxx
const ROWS = 4096;
/** Response-pattern table entries (4 bytes each) one accumulator may hold across its scales: 64 MB. */
const PATTERN_BUDGET = 1 << 24;
/**
 * By default a scale's table may have up to this many entries per row of the first chunk. Sweeping an entry at the
 * end costs ~15 ns, a row counted ~45 ns and a row added row by row ~40 ns per item: with a first chunk of 65,536
 * rows every table up to MAX_PATTERNS qualifies; a 300-row survey keeps to the row path for scales of 6+ items.
 */
const PATTERNS_PER_ROW = 32;

export interface ScaleState {
  readonly name: string;
  readonly items: readonly string[];
  /** +1 / −1 per item. */
  readonly signs: Int8Array;
  shift: number;
  nsub: number;
  nComplete: number;
  readonly co: PairwiseComomentsState;
  readonly tot: Float64Array;
  readonly itm: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly counts: ValueCountsState[];
  /** Response-pattern counts (fast path): undefined until the first chunk decides, null when not used. */
  pattern: PatternCounts | null | undefined;
}

export interface OutOfRange {
  file: string;
  line: number;
  column: string;
  value: number;
}

export interface ReliabilityState {
  readonly options: Required<Pick<ReliabilityOptions, 'missing' | 'impute' | 'correlation'>> & Pick<ReliabilityOptions, 'min' | 'max' | 'patterns'>;
  readonly scales: ScaleState[];
  /** First value found outside [min, max] (in file order of the chunks seen by this accumulator). */
  outOfRange: OutOfRange | null;
}

export function reliabilityInit(keys: Keys | readonly Scale[], options: ReliabilityOptions = {}): ReliabilityState {
  const scales = 'scales' in keys ? keys.scales : keys;
  return {
    options: {
      missing: options.missing ?? 'pairwise',
      impute: options.impute ?? 'median',
      correlation: options.correlation ?? 'cov2cor',
      min: options.min,
      max: options.max,
      patterns: options.patterns,
    },
    scales: scales.map((s) => {
      const k = s.items.length;
      return {
        name: s.name,
        items: s.items.map((i) => i.name),
        signs: Int8Array.from(s.items.map((i) => (i.reversed ? -1 : 1))),
        shift: NaN,
        nsub: 0,
        nComplete: 0,
        co: comomentsInit(k),
        tot: new Float64Array(TOT),
        itm: new Float64Array(k * ITM),
        min: new Float64Array(k).fill(Infinity),
        max: new Float64Array(k).fill(-Infinity),
        counts: s.items.map(() => valueCountsInit()),
        pattern: options.patterns === false ? null : undefined,
      };
    }),
    outOfRange: null,
  };
}

/** Adds one chunk (a Table with the items as numeric columns; names are looked up per chunk). */
export function reliabilityAdd(st: ReliabilityState, chunk: Table): void {
  for (const sc of st.scales) addScale(st, sc, chunk);
}

/**
 * The coded lane's way in (src/engine/coded-lane.ts): how many rows of a lane chunk this accumulator can take as
 * response-pattern counts — 0 if none yet, −1 if none for the rest of the scan (a scale counts row by row).
 * Starts each scale's table as `reliabilityAdd` would (declared or observed codes, the same size rules, with the
 * chunk's `sizeHint` for the rows), and moves the tables into the lane's memory. Rows are taken while every scale
 * counts patterns and up to the first answer outside a scale's codes; the caller then adds rows [0, n) of each
 * scale with `lane.scale(…, pattern.lo, pattern.K, n)` and `lane.count(pattern.counts, n)`
 * (src/survey/coded-scales.ts). Rows not taken go through `reliabilityAdd`, which reports, say, a value outside
 * --min/--max exactly as always.
 */
export function reliabilityCodedRows(st: ReliabilityState, chunk: CodedChunk): number {
  const { lane } = chunk;
  let n = chunk.nrows;
  for (const sc of st.scales) {
    const idx = sc.items.map((name) => lane.item(name));
    if (idx.some((i) => i < 0)) return -1;
    if (sc.pattern === undefined) {
      const codes = tableCodes(st, (widen) => {
        for (const i of idx) widen(...lane.range(i, n));
      });
      if (!codes) return 0; // nothing answered yet: reliabilityAdd decides later
      if (!startPatterns(st, sc, codes[0], codes[1], chunk.sizeHint, (size) => lane.newTable(size))) return -1;
    }
    const pc = sc.pattern;
    if (!pc || pc.lo < 0 || pc.lo + pc.K - 1 > 9) return -1;
    for (const i of idx) n = lane.check(i, pc.lo, pc.lo + pc.K - 1, n);
  }
  if (n === 0) return 0;
  for (const sc of st.scales) {
    const pc = sc.pattern!;
    if (lane.owns(pc.counts)) continue;
    const counts = lane.adoptTable(pc.counts);
    if (!counts) return -1;
    sc.pattern = { ...pc, counts };
  }
  return n;
}

function addScale(st: ReliabilityState, sc: ScaleState, chunk: Table): void {
  const cols: Float64Array[] = sc.items.map((name) => {
    const c = findColumn(chunk, name);
    if (!c || c.kind !== 'number') throw new Error(`reliabilityAdd: chunk has no numeric column "${name}" (resolve the keys first)`);
    return c.values;
  });
  if (sc.pattern !== null && addPatterns(st, sc, cols, chunk.nrows)) return;
  const w = rowWork(sc.items.length);
  for (let b = 0; b < chunk.nrows; b += ROWS) addBlock(st, sc, cols, b, Math.min(ROWS, chunk.nrows - b), chunk, w);
}

/**
 * The coded lane's rows for scales that count row by row (no pattern table: e.g. GHQ-12's 4¹² patterns): adds
 * rows [0, n) from each item's code bytes (`codes(item)`: 0–9, 255 empty), converted to numbers a block of ROWS
 * rows at a time, through the same row kernels in the same blocks as `reliabilityAdd` on the same rows, so the
 * sums are the same to the bit. False (nothing added) when a scale has or may get a pattern table, or a declared
 * range is to be checked (that check names lines: `reliabilityAdd` does it).
 */
export function reliabilityAddCodes(st: ReliabilityState, codes: (item: string) => Uint8Array, n: number): boolean {
  if (st.options.min !== undefined || st.options.max !== undefined) return false;
  if (st.scales.some((sc) => sc.pattern !== null)) return false;
  for (const sc of st.scales) {
    const k = sc.items.length;
    const src = sc.items.map(codes);
    const X = src.map(() => new Float64Array(ROWS));
    const w = rowWork(k);
    for (let b = 0; b < n; b += ROWS) {
      const len = Math.min(ROWS, n - b);
      for (let i = 0; i < k; i++) codesToNumbers(src[i], b, X[i], len);
      addBlock(st, sc, X, 0, len, undefined, w);
    }
  }
  return true;
}

function codesToNumbers(c: Uint8Array, b: number, x: Float64Array, len: number): void {
  for (let r = 0; r < len; r++) {
    const v = c[b + r];
    x[r] = v === 255 ? NaN : v;
  }
}

interface RowWork {
  Y: Float64Array[];
  P: Float64Array;
  K: Float64Array;
  M: Float64Array;
  U: Float64Array;
  V: Float64Array;
  keep: Uint8Array;
  mm: Float64Array;
}

function rowWork(k: number): RowWork {
  return {
    Y: Array.from({ length: k }, () => new Float64Array(ROWS)),
    P: new Float64Array(ROWS),
    K: new Float64Array(ROWS),
    M: new Float64Array(ROWS),
    U: new Float64Array(ROWS),
    V: new Float64Array(ROWS),
    keep: new Uint8Array(ROWS),
    mm: new Float64Array(2),
  };
}

/**
 * Rows [b, b + len) of `cols` (len ≤ ROWS) added row by row. `chunk` (the rows' table, row b + r) names the line
 * of a value outside the declared range; without it no range is checked.
 */
function addBlock(st: ReliabilityState, sc: ScaleState, cols: Float64Array[], b: number, len: number, chunk: Table | undefined, w: RowWork): void {
  const k = sc.items.length;
  const listwise = st.options.missing === 'listwise';
  const lo = st.options.min ?? -Infinity;
  const hi = st.options.max ?? Infinity;
  const checkRange = chunk !== undefined && (st.options.min !== undefined || st.options.max !== undefined);
  const { Y, P, K, M, U, V, keep, mm } = w;
  {
    // rows used
    let used = len;
    if (listwise) {
      used = 0;
      for (let r = 0; r < len; r++) {
        let ok = 1;
        for (let i = 0; i < k; i++) {
          const x = cols[i][b + r];
          if (x !== x) {
            ok = 0;
            break;
          }
        }
        keep[r] = ok;
        used += ok;
      }
    } else {
      keep.fill(1, 0, len);
    }
    sc.nsub += used;
    if (Number.isNaN(sc.shift)) {
      outer: for (let r = 0; r < len; r++) {
        if (!keep[r]) continue;
        for (let i = 0; i < k; i++) {
          const x = cols[i][b + r];
          if (x === x) {
            sc.shift = x;
            sc.co.shift.fill(x);
            break outer;
          }
        }
      }
      if (Number.isNaN(sc.shift)) return; // nothing answered yet
    }
    const c = sc.shift;
    // copy shifted values, NaN for excluded rows; extremes; histograms; range check
    for (let i = 0; i < k; i++) {
      const x = cols[i];
      mm[0] = sc.min[i];
      mm[1] = sc.max[i];
      if (listwise) copyMasked(x, b, Y[i], len, c, keep, mm);
      else copyShifted(x, b, Y[i], len, c, mm);
      sc.min[i] = mm[0];
      sc.max[i] = mm[1];
      if (checkRange && st.outOfRange === null && (mm[0] < lo || mm[1] > hi)) {
        for (let r = 0; r < len; r++) {
          const a = x[b + r];
          if (a === a && keep[r] !== 0 && (a < lo || a > hi)) {
            st.outOfRange = { file: chunk!.source, line: lineOfRow(chunk!, b + r), column: sc.items[i], value: a };
            break;
          }
        }
      }
      if (st.options.impute === 'median') valueCountsAdd(sc.counts[i], x, b, b + len, listwise ? shiftedMask(keep, b, len) : undefined);
    }
    // person totals as (u, v)
    P.fill(0, 0, len);
    K.fill(0, 0, len);
    M.fill(0, 0, len);
    for (let i = 0; i < k; i++) {
      if (sc.signs[i] > 0) addPositive(Y[i], P, K, len);
      else addReversed(Y[i], P, K, M, len);
    }
    sc.nComplete += totalsKernel(P, K, M, U, V, len, k, sc.tot);
    // per item, over the rows that answered it: (u, v, x)
    for (let i = 0; i < k; i++) itemKernel(Y[i], U, V, len, sc.itm, i * ITM);
    comomentsAdd(sc.co, Y, 0, len, undefined, true);
  }
}

let patternIndex = new Int32Array(0);

/**
 * The fast path: counts the chunk's response patterns. Returns false (having folded any counts into the sums)
 * when the chunk cannot be counted, so the caller adds it row by row.
 */
function addPatterns(st: ReliabilityState, sc: ScaleState, cols: Float64Array[], nrows: number): boolean {
  if (sc.pattern === undefined) {
    const codes = tableCodes(st, (widen) => {
      for (const x of cols) for (let r = 0; r < nrows; r++) widen(x[r], x[r]);
    });
    if (!codes) return false; // nothing answered yet: the row path counts the rows; decide later
    if (!startPatterns(st, sc, codes[0], codes[1], nrows)) return false;
  }
  if (patternIndex.length < nrows) patternIndex = new Int32Array(nrows);
  if (patternCountsAdd(sc.pattern!, cols, 0, nrows, patternIndex)) return true;
  foldPatterns(st, sc);
  return false;
}

/**
 * The codes a new pattern table covers: the declared --min/--max, else the extremes `observe` reports (it calls
 * `widen(lo, hi)` for what it sees; NaN is ignored); null when nothing is answered yet.
 */
function tableCodes(st: ReliabilityState, observe: (widen: (lo: number, hi: number) => void) => void): [number, number] | null {
  const { min, max } = st.options;
  if (min !== undefined && max !== undefined) return [min, max];
  let lo = Infinity;
  let hi = -Infinity;
  observe((a, b) => {
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  });
  return lo === Infinity ? null : [lo, hi];
}

/**
 * Gives a scale a pattern table for codes lo..hi, or null (then it counts row by row). All scales' tables together
 * stay within PATTERN_BUDGET entries, and by default within PATTERNS_PER_ROW entries per row of the first chunk
 * (`nrows` rows).
 */
function startPatterns(
  st: ReliabilityState,
  sc: ScaleState,
  lo: number,
  hi: number,
  nrows: number,
  alloc?: (size: number) => Uint32Array | null,
): boolean {
  let limit = PATTERN_BUDGET;
  for (const other of st.scales) if (other.pattern) limit -= other.pattern.counts.length;
  if (st.options.patterns !== true) limit = Math.min(limit, PATTERNS_PER_ROW * nrows);
  sc.pattern = patternCountsInit(sc.items.length, lo, hi, limit, alloc);
  return sc.pattern !== null;
}

/** Folds a scale's pattern counts into its sums (via the tables of pattern-marginals.ts); then stops counting. */
function foldPatterns(st: ReliabilityState, sc: ScaleState): void {
  const pc = sc.pattern;
  sc.pattern = null;
  if (!pc) return;
  const k = sc.items.length;
  const m = patternMarginals(pc, sc.signs, st.options.missing === 'listwise');
  const { K, T, lo, classes, items, pairs } = m;
  // per item and code: rows (over all classes)
  const itemW = new Float64Array(k * K);
  for (let t = 0; t < T; t++) {
    if (classes[t] === 0) continue;
    const o = t * k * K;
    for (let j = 0; j < k * K; j++) itemW[j] += items[o + j];
  }
  if (Number.isNaN(sc.shift)) {
    const first = itemW.findIndex((w) => w > 0);
    if (first >= 0) {
      sc.shift = lo + (first % K);
      sc.co.shift.fill(sc.shift);
    }
  }
  const c = sc.shift;
  const median = st.options.impute === 'median';
  for (let i = 0; i < k; i++) {
    for (let d = 0; d < K; d++) {
      const w = itemW[i * K + d];
      if (w === 0) continue;
      const x = lo + d;
      if (x < sc.min[i]) sc.min[i] = x;
      if (x > sc.max[i]) sc.max[i] = x;
      if (median) valueCountsAddWeighted(sc.counts[i], x, w);
    }
  }
  // person totals per class: P = Σ_pos y − Σ_rev y with y = lo + d − c, so P = D + (np − nr)(lo − c)
  const U = new Float64Array(T);
  const V = new Float64Array(T);
  const tot = sc.tot;
  for (let t = 0; t < T; t++) {
    const w = classes[t];
    if (w === 0) continue;
    const { D, np, nr } = totalClass(m, t);
    const present = np + nr;
    sc.nsub += w;
    if (present === 0) continue;
    if (present === k) sc.nComplete += w;
    const u = (D + (np - nr) * (lo - c)) / present;
    const v = nr / present;
    U[t] = u;
    V[t] = v;
    tot[0] += w;
    tot[1] += w * u;
    tot[2] += w * v;
    tot[3] += w * u * u;
    tot[4] += w * u * v;
    tot[5] += w * v * v;
  }
  const itm = sc.itm;
  for (let t = 0; t < T; t++) {
    if (classes[t] === 0) continue;
    const u = U[t];
    const v = V[t];
    for (let i = 0; i < k; i++) {
      const o = i * ITM;
      const base = (t * k + i) * K;
      for (let d = 0; d < K; d++) {
        const w = items[base + d];
        if (w === 0) continue;
        const a = lo + d - c;
        itm[o] += w;
        itm[o + 1] += w * u;
        itm[o + 2] += w * v;
        itm[o + 3] += w * a;
        itm[o + 4] += w * u * u;
        itm[o + 5] += w * u * v;
        itm[o + 6] += w * u * a;
        itm[o + 7] += w * v * v;
        itm[o + 8] += w * v * a;
        itm[o + 9] += w * a * a;
      }
    }
  }
  const blocks = sc.co.blocks;
  for (let i = 0; i < k; i++) {
    const offii = (i * k + i) * 6;
    for (let d = 0; d < K; d++) {
      const a = lo + d - c;
      addPair(blocks, offii, itemW[i * K + d], a, a);
    }
    for (let j = i + 1; j < k; j++) {
      const pb = pairIndex(i, j, k) * K * K;
      const offij = (i * k + j) * 6;
      for (let di = 0; di < K; di++) {
        for (let dj = 0; dj < K; dj++) addPair(blocks, offij, pairs[pb + di * K + dj], lo + di - c, lo + dj - c);
      }
    }
  }
}

/** w rows with the shifted values (a, b) into the pair's co-moment block at `off` (n, Sa, Sb, Saa, Sab, Sbb). */
function addPair(blocks: Float64Array, off: number, w: number, a: number, b: number): void {
  if (w === 0) return;
  blocks[off] += w;
  blocks[off + 1] += w * a;
  blocks[off + 2] += w * b;
  blocks[off + 3] += w * a * a;
  blocks[off + 4] += w * a * b;
  blocks[off + 5] += w * b * b;
}

function copyShifted(x: Float64Array, b: number, y: Float64Array, len: number, c: number, mm: Float64Array): void {
  let mn = mm[0];
  let mx = mm[1];
  for (let r = 0; r < len; r++) {
    const a = x[b + r];
    y[r] = a - c; // NaN stays NaN
    if (a < mn) mn = a;
    if (a > mx) mx = a;
  }
  mm[0] = mn;
  mm[1] = mx;
}

function copyMasked(x: Float64Array, b: number, y: Float64Array, len: number, c: number, keep: Uint8Array, mm: Float64Array): void {
  let mn = mm[0];
  let mx = mm[1];
  for (let r = 0; r < len; r++) {
    const a = x[b + r];
    if (a === a && keep[r] !== 0) {
      y[r] = a - c;
      if (a < mn) mn = a;
      if (a > mx) mx = a;
    } else {
      y[r] = NaN;
    }
  }
  mm[0] = mn;
  mm[1] = mx;
}

function addPositive(y: Float64Array, P: Float64Array, K: Float64Array, len: number): void {
  for (let r = 0; r < len; r++) {
    const a = y[r];
    if (a === a) {
      P[r] += a;
      K[r]++;
    }
  }
}

function addReversed(y: Float64Array, P: Float64Array, K: Float64Array, M: Float64Array, len: number): void {
  for (let r = 0; r < len; r++) {
    const a = y[r];
    if (a === a) {
      P[r] -= a;
      K[r]++;
      M[r]++;
    }
  }
}

/** Sums of u, v, u², uv, v² over rows with an answer into `t`; U/V per row; returns the complete rows. */
function totalsKernel(P: Float64Array, K: Float64Array, M: Float64Array, U: Float64Array, V: Float64Array, len: number, k: number, t: Float64Array): number {
  let tn = 0, su = 0, sv = 0, suu = 0, suv = 0, svv = 0, complete = 0;
  for (let r = 0; r < len; r++) {
    const kk = K[r];
    if (kk > 0) {
      const u = P[r] / kk;
      const v = M[r] / kk;
      U[r] = u;
      V[r] = v;
      tn++;
      su += u;
      sv += v;
      suu += u * u;
      suv += u * v;
      svv += v * v;
      if (kk === k) complete++;
    }
  }
  t[0] += tn;
  t[1] += su;
  t[2] += sv;
  t[3] += suu;
  t[4] += suv;
  t[5] += svv;
  return complete;
}

/** The (u, v, x) moment block of one item over the rows that answered it. */
function itemKernel(y: Float64Array, U: Float64Array, V: Float64Array, len: number, m: Float64Array, o: number): void {
  let n = 0, Su = 0, Sv = 0, Sx = 0, Suu = 0, Suv = 0, Sux = 0, Svv = 0, Svx = 0, Sxx = 0;
  for (let r = 0; r < len; r++) {
    const x = y[r];
    if (x === x) {
      const u = U[r];
      const v = V[r];
      n++;
      Su += u;
      Sv += v;
      Sx += x;
      Suu += u * u;
      Suv += u * v;
      Sux += u * x;
      Svv += v * v;
      Svx += v * x;
      Sxx += x * x;
    }
  }
  m[o] += n;
  m[o + 1] += Su;
  m[o + 2] += Sv;
  m[o + 3] += Sx;
  m[o + 4] += Suu;
  m[o + 5] += Suv;
  m[o + 6] += Sux;
  m[o + 7] += Svv;
  m[o + 8] += Svx;
  m[o + 9] += Sxx;
}

function shiftedMask(keep: Uint8Array, b: number, len: number): Uint8Array {
  const m = new Uint8Array(b + len);
  m.set(keep.subarray(0, len), b);
  return m;
}

/**
 * Folds the response-pattern counts into the sums now (a scan task's `finish`, so each thread folds its own and
 * the states sent back are small); later chunks are added row by row. `reliabilityValue` folds whatever is left.
 */
export function reliabilityFold(st: ReliabilityState): void {
  for (const sc of st.scales) foldPatterns(st, sc);
}

/** Merges `from` into `into` (created with the same keys and options). */
export function reliabilityMerge(into: ReliabilityState, from: ReliabilityState): void {
  if (into.scales.length !== from.scales.length) throw new Error('reliabilityMerge: different keys');
  if (into.outOfRange === null) into.outOfRange = from.outOfRange;
  for (let s = 0; s < into.scales.length; s++) {
    const a = into.scales[s];
    const b = from.scales[s];
    if (a.name !== b.name || a.items.length !== b.items.length) throw new Error('reliabilityMerge: different keys');
    const k = a.items.length;
    if (a.pattern && b.pattern && samePatternLayout(a.pattern, b.pattern)) patternCountsMerge(a.pattern, b.pattern);
    else if (a.pattern === undefined && b.pattern) a.pattern = b.pattern;
    else if (a.pattern || b.pattern) {
      foldPatterns(into, a);
      foldPatterns(from, b);
    }
    a.nsub += b.nsub;
    a.nComplete += b.nComplete;
    for (let i = 0; i < k; i++) {
      if (b.min[i] < a.min[i]) a.min[i] = b.min[i];
      if (b.max[i] > a.max[i]) a.max[i] = b.max[i];
      valueCountsMerge(a.counts[i], b.counts[i]);
    }
    if (Number.isNaN(b.shift)) continue;
    if (Number.isNaN(a.shift)) {
      a.shift = b.shift;
      a.co.shift.fill(b.shift);
    }
    comomentsMerge(a.co, b.co);
    const tot = b.tot.slice();
    const itm = b.itm.slice();
    const d = b.shift - a.shift;
    if (d !== 0) {
      // u' = u + d(1 − 2v), x' = x + d
      affineBlock(tot, 0, 2, Float64Array.of(1, -2 * d, 0, 1), Float64Array.of(d, 0));
      const A3 = Float64Array.of(1, -2 * d, 0, 0, 1, 0, 0, 0, 1);
      const t3 = Float64Array.of(d, 0, d);
      for (let i = 0; i < k; i++) affineBlock(itm, i * ITM, 3, A3, t3);
    }
    for (let j = 0; j < TOT; j++) a.tot[j] += tot[j];
    for (let j = 0; j < itm.length; j++) a.itm[j] += itm[j];
  }
}
