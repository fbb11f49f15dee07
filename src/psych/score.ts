/**
 * Person scores exactly as psych::scoreItems(keys, items, totals, impute, min, max)$scores.
 *
 * - Reversed items are scored max + min − x, with min/max given, or (psych's default) the observed extremes over
 *   all keyed items of all scales in the call — so if nobody chose the lowest option, reversed items shift.
 * - impute "median" (psych's default) / "mean": a missing answer is replaced by the item's median/mean over all
 *   rows; the score is the mean (or, with `totals`, the sum) over all k items.
 * - impute "none": the score is the mean of the answered items (NaN when none answered); with `totals` it is the
 *   sum of the answered items — 0 when none answered, as psych (which warns that totals without imputation
 *   "can lead to serious problems").
 * - `minAnswered` (not in psych) then sets a score to NaN when fewer items than required were answered.
 *
 * psych drops items without variance from data and keys; here such an item is an error (`unsupported`).
 * For streaming, get the constants (observed min/max, medians or means) from a first pass or from the reliability
 * accumulator's value, then call {@link scoreChunk} per chunk.
 */
import { StaffwellError } from '../errors.ts';
import { findColumn, type Table } from '../data/table.ts';
import { valueCountsAdd, valueCountsInit, valueCountsMedian, valueCountsMerge, type ValueCountsState } from '../stats/value-counts.ts';
import { momentsAdd, momentsInit, momentsMerge, momentsValue, type MomentsState } from '../stats/moments.ts';
import { answeredSumKernel } from '../stats/row-kernels.ts';
import type { Keys, ResolvedKeys } from './keys.ts';
import type { Impute } from './reliability-accumulator.ts';

/** A minimum number of answered items: an absolute count, or a fraction of the scale's items (rounded up). */
export type MinAnswered = { count: number } | { fraction: number };

export interface ScoreOptions {
  /** Sum instead of mean (psych `totals`). */
  totals?: boolean;
  /** psych default "median". */
  impute?: Impute;
  min?: number;
  max?: number;
  minAnswered?: MinAnswered;
}

export interface ScoreConstants {
  min: number;
  max: number;
  /** Imputation value per variable (keys.variables order); empty for impute "none". */
  impute: Record<string, number>;
}

export interface ScoreResult {
  /** Scale names, in keys order. */
  names: string[];
  /** One Float64Array per scale, a score per row (NaN = no score). */
  scores: Float64Array[];
  /** Number of answered items per scale and row. */
  answered: Int32Array[];
  constants: ScoreConstants;
}

/** Items answered required for a k-item scale. */
export function requiredAnswers(min: MinAnswered | undefined, k: number): number {
  if (!min) return 0;
  if ('count' in min) return min.count;
  return Math.ceil(min.fraction * k - 1e-9);
}

/**
 * Parses a CLI/study value: "3" (count), "0.5" or "50%" (fraction). A bare "1" is a count; "100%" means all
 * items. `where` names the flag or field for the error.
 */
export function parseMinAnswered(text: string, where: string): MinAnswered {
  const t = text.trim();
  const pct = t.endsWith('%');
  const v = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(v)) {
    throw new StaffwellError('invalid-option', `${where} must be a number of items or a fraction`, { value: text, hint: 'e.g. 3, 0.5 or 50%' });
  }
  if (pct) {
    if (!(v > 0 && v <= 100)) throw new StaffwellError('invalid-option', `${where} percentage must be in (0, 100]`, { value: text });
    return { fraction: v / 100 };
  }
  if (v > 0 && v < 1) return { fraction: v };
  if (Number.isInteger(v) && v >= 1) return { count: v };
  throw new StaffwellError('invalid-option', `${where} must be a whole number of items (>= 1) or a fraction in (0, 1)`, { value: text });
}

function numericColumn(t: Table, name: string): Float64Array {
  const c = findColumn(t, name);
  if (!c || c.kind !== 'number') throw new Error(`score: no numeric column "${name}" (resolve the keys first)`);
  return c.values;
}

function variablesOf(keys: Keys): string[] {
  if ('variables' in keys) return [...(keys as ResolvedKeys).variables];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of keys.scales) for (const it of s.items) if (!seen.has(it.name)) {
    seen.add(it.name);
    out.push(it.name);
  }
  return out;
}

/** R's median of the present values (exact; histogram for discrete data, else a sort). */
export function columnMedian(x: Float64Array): number {
  const vc = valueCountsInit();
  valueCountsAdd(vc, x);
  if (!vc.overflow) return valueCountsMedian(vc);
  const v: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) v.push(x[i]);
  if (v.length === 0) return NaN;
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Observed min/max (unless given) and imputation values from an in-memory table. */
export function scoreConstants(table: Table, keys: Keys, options: ScoreOptions = {}): ScoreConstants {
  const vars = variablesOf(keys);
  let mn = Infinity;
  let mx = -Infinity;
  const impute: Record<string, number> = {};
  const mode = options.impute ?? 'median';
  for (const name of vars) {
    const x = numericColumn(table, name);
    let n = 0;
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const a = x[i];
      if (a === a) {
        n++;
        s += a;
        if (a < lo) lo = a;
        if (a > hi) hi = a;
      }
    }
    if (n > 1 && lo === hi) {
      throw new StaffwellError('unsupported', `item "${name}" has no variance (every answer is ${lo})`, {
        file: keys.source,
        value: name,
        hint: 'psych::scoreItems would drop the item from the data and the keys; remove it from the keys',
      });
    }
    if (lo < mn) mn = lo;
    if (hi > mx) mx = hi;
    if (mode === 'median') impute[name] = columnMedian(x);
    else if (mode === 'mean') impute[name] = meanOf(x, n, s);
  }
  return {
    min: options.min ?? (mn === Infinity ? NaN : mn),
    max: options.max ?? (mx === -Infinity ? NaN : mx),
    impute,
  };
}

/** R's mean(x, na.rm = TRUE), including its second refinement pass. */
function meanOf(x: Float64Array, n: number, s: number): number {
  if (n === 0) return NaN;
  const m = s / n;
  let t = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) t += x[i] - m;
  return m + t / n;
}

/** Arrays scoreChunk may write into (reused chunk after chunk by a streaming caller). */
export interface ScoreBuffers {
  scores: Float64Array[];
  answered: Int32Array[];
}

/**
 * Scores of every scale for the rows of one chunk, given the constants. With `reuse`, the results are views into
 * its arrays (grown as needed), valid until the next call with the same buffers.
 */
export function scoreChunk(chunk: Table, keys: Keys, constants: ScoreConstants, options: ScoreOptions = {}, reuse?: ScoreBuffers): ScoreBuffers {
  const mode = options.impute ?? 'median';
  const totals = options.totals ?? false;
  const a = constants.max + constants.min;
  const n = chunk.nrows;
  const scores: Float64Array[] = [];
  const answered: Int32Array[] = [];
  const BS = 4096;
  // Block buffers of the imputing path (the 'none' path writes straight into the results).
  const imputeBuffers = mode === 'none' ? undefined : { bS: new Float64Array(BS), bK: new Int32Array(BS) };
  keys.scales.forEach((sc, si) => {
    const k = sc.items.length;
    if (reuse && !(reuse.scores[si]?.length >= n)) {
      reuse.scores[si] = new Float64Array(n);
      reuse.answered[si] = new Int32Array(n);
    }
    const S = reuse ? reuse.scores[si].subarray(0, n) : new Float64Array(n);
    const K = reuse ? reuse.answered[si].subarray(0, n) : new Int32Array(n);
    const pos = sc.items.filter((it) => !it.reversed).map((it) => numericColumn(chunk, it.name));
    const rev = sc.items.filter((it) => it.reversed).map((it) => numericColumn(chunk, it.name));
    const all = sc.items.map((it) => numericColumn(chunk, it.name));
    const signs = sc.items.map((it) => (it.reversed ? -1 : 1));
    const imputed = sc.items.map((it) => constants.impute[it.name]);
    const need = requiredAnswers(options.minAnswered, k);
    if (mode === 'none') {
      // rowMeans(cbind(pos.item, max + min - neg.item), na.rm = TRUE): positive items first, then reversed
      answeredSumKernel(pos.length, rev.length, !totals)([...pos, ...rev], 0, n, a, S, K);
      if (need > 0) for (let r = 0; r < n; r++) if (K[r] < need) S[r] = NaN;
      scores.push(S);
      answered.push(K);
      return;
    }
    const { bS, bK } = imputeBuffers!;
    for (let b = 0; b < n; b += BS) {
      const len = Math.min(BS, n - b);
      bS.fill(0, 0, len);
      bK.fill(0, 0, len);
      // items %*% keys, + (#reversed)(max + min), / k
      for (let i = 0; i < k; i++) addImputed(all[i], b, bS, bK, len, signs[i], imputed[i]);
      finishImputed(bS, len, rev.length * a, totals ? 1 : k);
      if (need > 0) for (let r = 0; r < len; r++) if (bK[r] < need) bS[r] = NaN;
      S.set(bS.subarray(0, len), b);
      K.set(bK.subarray(0, len), b);
    }
    scores.push(S);
    answered.push(K);
  });
  return { scores, answered };
}

/** S += sign·(x, or the imputed value m when missing), counting answers. */
function addImputed(x: Float64Array, b: number, S: Float64Array, K: Int32Array, n: number, sign: number, m: number): void {
  const sm = sign * m;
  for (let r = 0; r < n; r++) {
    const v = x[b + r];
    if (v === v) {
      S[r] += sign * v;
      K[r]++;
    } else {
      S[r] += sm;
    }
  }
}

function finishImputed(S: Float64Array, n: number, correction: number, divisor: number): void {
  if (divisor === 1) for (let r = 0; r < n; r++) S[r] += correction;
  else for (let r = 0; r < n; r++) S[r] = (S[r] + correction) / divisor;
}

/** psych::scoreItems(keys, items, totals, impute, min, max)$scores for an in-memory table. */
export function scoreItems(table: Table, keys: Keys, options: ScoreOptions = {}): ScoreResult {
  const constants = scoreConstants(table, keys, options);
  const { scores, answered } = scoreChunk(table, keys, constants, options);
  return { names: keys.scales.map((s) => s.name), scores, answered, constants };
}

/**
 * The constants of {@link scoreChunk} (observed min/max over all keyed items, item medians or means) as a
 * mergeable accumulator, for a first pass over a streamed file. Medians are exact for discrete data (value
 * histogram); with more than 100,000 distinct values per item the median is NaN (see value-counts.ts).
 */
export interface ScoreConstantsState {
  readonly variables: string[];
  readonly moments: MomentsState;
  readonly counts: ValueCountsState[];
  readonly impute: Impute;
  readonly min?: number;
  readonly max?: number;
}

export function scoreConstantsInit(keys: Keys, options: ScoreOptions = {}): ScoreConstantsState {
  const variables = variablesOf(keys);
  const impute = options.impute ?? 'median';
  return {
    variables,
    moments: momentsInit(variables.length),
    counts: impute === 'median' ? variables.map(() => valueCountsInit()) : [],
    impute,
    min: options.min,
    max: options.max,
  };
}

export function scoreConstantsAdd(st: ScoreConstantsState, chunk: Table): void {
  const cols = st.variables.map((v) => numericColumn(chunk, v));
  momentsAdd(st.moments, cols, 0, chunk.nrows);
  if (st.impute === 'median') cols.forEach((c, i) => valueCountsAdd(st.counts[i], c));
}

export function scoreConstantsMerge(into: ScoreConstantsState, from: ScoreConstantsState): void {
  momentsMerge(into.moments, from.moments);
  into.counts.forEach((c, i) => valueCountsMerge(c, from.counts[i]));
}

export function scoreConstantsValue(st: ScoreConstantsState, keysSource = 'keys'): ScoreConstants {
  const m = momentsValue(st.moments);
  let mn = Infinity;
  let mx = -Infinity;
  const impute: Record<string, number> = {};
  st.variables.forEach((name, i) => {
    if (m.n[i] > 1 && m.min[i] === m.max[i]) {
      throw new StaffwellError('unsupported', `item "${name}" has no variance (every answer is ${m.min[i]})`, {
        file: keysSource,
        value: name,
        hint: 'psych::scoreItems would drop the item from the data and the keys; remove it from the keys',
      });
    }
    if (m.min[i] < mn) mn = m.min[i];
    if (m.max[i] > mx) mx = m.max[i];
    if (st.impute === 'median') impute[name] = valueCountsMedian(st.counts[i]);
    else if (st.impute === 'mean') impute[name] = m.mean[i];
  });
  return { min: st.min ?? (mn === Infinity ? NaN : mn), max: st.max ?? (mx === -Infinity ? NaN : mx), impute };
}
