/**
 * The results of the reliability accumulator (src/psych/reliability-accumulator.ts): psych's alpha() and
 * scoreItems' alpha per scale from the folded sums. Apart from the accumulator so that a scan worker, which only
 * adds and merges, does not load the distribution functions the confidence intervals need.
 */
import { StaffwellError } from '../errors.ts';
import type { Table } from '../data/table.ts';
import { pairCov, pairCor, pairSums, variableMoments } from '../stats/pairwise-comoments.ts';
import { valueCountsMedian, valueCountsTable } from '../stats/value-counts.ts';
import { cov2cor } from '../stats/matrix.ts';
import { implausibleValues } from './implausible-values.ts';
import { alpha1, alphaIfDropped, duhachekCi, feldtCi, itemStats, scoreItemsAlpha } from './alpha-statistics.ts';
import {
  ITM,
  reliabilityAdd,
  reliabilityFold,
  reliabilityInit,
  reliabilityMerge,
  type ReliabilityOptions,
  type ReliabilityState,
  type ScaleState,
} from './reliability-accumulator.ts';
import type { Keys } from './keys.ts';
import type { ItemStatJson, ReliabilityJson, ReliabilityWarning } from './results.ts';

export interface ReliabilityValue {
  scales: ReliabilityJson[];
  warnings: ReliabilityWarning[];
  /** Observed extremes over every keyed item of every scale (scoreItems' default min/max). */
  observed: { min: number; max: number };
  /** Item medians and means over the rows used (for scoreItems' imputation); NaN if unknown. */
  medians: Record<string, number>;
  means: Record<string, number>;
}

/**
 * The results for every scale. Throws StaffwellError for a value outside the declared range
 * ('out-of-range') and for an item without variance ('unsupported': psych would drop it silently).
 */
export function reliabilityValue(st: ReliabilityState, keysSource = 'keys'): ReliabilityValue {
  if (st.outOfRange) {
    const o = st.outOfRange;
    throw new StaffwellError('out-of-range', `value outside the declared response range ${st.options.min ?? '-∞'} to ${st.options.max ?? '∞'}`, {
      file: o.file,
      line: o.line,
      column: o.column,
      value: o.value,
      hint: 'correct the value, declare it a missing-value code, or fix --min/--max',
    });
  }
  reliabilityFold(st);
  const scales: ReliabilityJson[] = [];
  const warnings: ReliabilityWarning[] = [];
  const medians: Record<string, number> = {};
  const means: Record<string, number> = {};
  let gmin = Infinity;
  let gmax = -Infinity;
  // first, what may explain the other warnings: answers that look like undeclared missing-value codes
  warnings.push(...implausibleWarnings(st.scales));
  for (const sc of st.scales) {
    const r = scaleValue(st, sc, keysSource, warnings);
    scales.push(r);
    sc.items.forEach((name, i) => {
      if (sc.min[i] < gmin) gmin = sc.min[i];
      if (sc.max[i] > gmax) gmax = sc.max[i];
      if (!(name in medians)) {
        medians[name] = valueCountsMedian(sc.counts[i]);
        means[name] = variableMoments(sc.co, i).mean;
      }
    });
  }
  return { scales, warnings, observed: { min: gmin === Infinity ? NaN : gmin, max: gmax === -Infinity ? NaN : gmax }, medians, means };
}

/**
 * Undeclared missing-value codes among the items' answers ({@link implausibleValues}): one warning per set of
 * such values, naming every item that has them (`item` the first, `items` all), each item once.
 */
function implausibleWarnings(scales: readonly ScaleState[]): ReliabilityWarning[] {
  const groups = new Map<string, { scale: string; items: string[]; values: number[]; answers: number; lo: number; hi: number }>();
  const checked = new Set<string>();
  for (const sc of scales)
    sc.items.forEach((name, i) => {
      if (checked.has(name) || sc.counts[i].overflow) return;
      checked.add(name);
      const t = valueCountsTable(sc.counts[i]);
      const odd = implausibleValues(t.values, t.counts);
      if (!odd.length) return;
      const rest = t.values.filter((v) => !odd.some((o) => o.value === v));
      const key = odd.map((o) => o.value).join(',');
      const g = groups.get(key) ?? groups.set(key, { scale: sc.name, items: [], values: odd.map((o) => o.value), answers: 0, lo: Infinity, hi: -Infinity }).get(key)!;
      g.items.push(name);
      g.answers += odd.reduce((n, o) => n + o.count, 0);
      g.lo = Math.min(g.lo, rest[0]);
      g.hi = Math.max(g.hi, rest[rest.length - 1]);
    });
  return [...groups.values()].map((g) => {
    const one = g.values.length === 1;
    const shown = g.items.length > 6 ? `${g.items.slice(0, 5).join(', ')} and ${g.items.length - 5} more` : g.items.join(', ');
    const who = g.items.length === 1 ? `item "${g.items[0]}" has` : `${g.items.length} items (${shown}) have`;
    return {
      scale: g.scale,
      item: g.items[0],
      ...(g.items.length > 1 ? { items: g.items } : {}),
      message: `${who} ${one ? 'the value' : 'the values'} ${g.values.join(', ')} (${g.answers} answer${g.answers === 1 ? '' : 's'}), far outside the other answers (${g.lo} to ${g.hi}); if ${one ? 'it marks' : 'they mark'} a missing answer, declare ${one ? 'it' : 'them'} (--na=${g.values.join(',')}, or data.missing in a study file)`,
    };
  });
}

function scaleValue(st: ReliabilityState, sc: ScaleState, keysSource: string, warnings: ReliabilityWarning[]): ReliabilityJson {
  const k = sc.items.length;
  const s = sc.signs;
  const anyReversed = s.some((x) => x < 0);
  // zero-variance items
  for (let i = 0; i < k; i++) {
    const v = variableMoments(sc.co, i);
    if (!(v.variance > 0)) {
      const why = v.n === 0 ? 'no answers' : v.n === 1 ? 'a single answer' : `every answer is ${sc.min[i]}`;
      throw new StaffwellError('unsupported', `item "${sc.items[i]}" of scale "${sc.name}" has no variance (${why})`, {
        file: keysSource,
        field: sc.name,
        value: sc.items[i],
        hint: 'psych::alpha would drop the item but still count it in the total; remove it from the scale to get psych\'s other statistics',
      });
    }
  }
  const C = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) C[i * k + j] = s[i] * s[j] * pairCov(sc.co, i, j);
  let R: Float64Array;
  if (st.options.correlation === 'pairwise') {
    R = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) R[i * k + j] = i === j ? 1 : s[i] * s[j] * pairCor(sc.co, i, j);
  } else {
    R = cov2cor(C, k);
  }
  const a1 = alpha1(C, R, k);
  const nsub = sc.nsub;
  const ase = Math.sqrt(a1.q / nsub);
  // flip constant from the observed extremes of this scale's items
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < k; i++) {
    if (sc.min[i] < mn) mn = sc.min[i];
    if (sc.max[i] > mx) mx = sc.max[i];
  }
  const a = mn + mx;
  const c = sc.shift;
  const bq = anyReversed ? a - 2 * c : 0;
  const t = sc.tot;
  const tn = t[0];
  const tS = t[1] + bq * t[2];
  const tSS = t[3] + 2 * bq * t[4] + bq * bq * t[5];
  const mean = tn > 0 ? c + tS / tn : NaN;
  const sd = tn > 1 ? Math.sqrt(Math.max(0, tSS - (tS * tS) / tn) / (tn - 1)) : NaN;
  const drop = alphaIfDropped(C, R, k);
  const ist = itemStats(C, R, k);
  const itemStatsJson: ItemStatJson[] = [];
  for (let i = 0; i < k; i++) {
    const o = i * ITM;
    const m = sc.itm;
    const n = m[o];
    const St = m[o + 1] + bq * m[o + 2];
    const Stt = m[o + 4] + 2 * bq * m[o + 5] + bq * bq * m[o + 7];
    const Sx = m[o + 3];
    const Sxx = m[o + 9];
    const Stx = m[o + 6] + bq * m[o + 8];
    const mtt = Stt - (St * St) / n;
    const mxx = Sxx - (Sx * Sx) / n;
    let rawR = (Stx - (St * Sx) / n) / Math.sqrt(mtt * mxx);
    if (rawR > 1) rawR = 1;
    if (rawR < -1) rawR = -1;
    rawR *= s[i];
    const vm = variableMoments(sc.co, i);
    const itemMean = s[i] < 0 ? a - vm.mean : vm.mean;
    const stat: ItemStatJson = {
      item: sc.items[i],
      reversed: s[i] < 0,
      n: vm.n,
      raw_r: n >= 2 ? rawR : NaN,
      std_r: ist.stdR[i],
      r_cor: ist.rCor[i],
      r_drop: ist.rDrop[i],
      mean: itemMean,
      sd: Math.sqrt(vm.variance),
      alpha_if_dropped: drop[i],
    };
    itemStatsJson.push(stat);
    if (stat.r_drop < 0 || stat.raw_r < 0) {
      warnings.push({
        scale: sc.name,
        item: stat.item,
        message: `item "${stat.item}" correlates negatively with the scale "${sc.name}"; is a reverse key missing?`,
      });
    }
  }
  return {
    name: sc.name,
    items: [...sc.items],
    reversed: sc.items.filter((_, i) => s[i] < 0),
    n_items: k,
    n_complete: sc.nComplete,
    raw_alpha: a1.raw,
    std_alpha: a1.std,
    g6: a1.g6,
    average_r: a1.averageR,
    median_r: a1.medianR,
    signal_noise: a1.signalNoise,
    ase,
    mean,
    sd,
    alpha_ci_feldt: feldtCi(a1.raw, nsub, k),
    alpha_ci_duhachek: duhachekCi(a1.raw, ase),
    scoreitems_alpha: scoreItemsAlpha(imputedCov(st, sc), s, k),
    responses: responseCounts(sc),
    item_stats: itemStatsJson,
  };
}

/**
 * The item covariance scoreItems uses: pairwise (impute "none") or, after replacing each missing answer by the
 * item's median/mean, the covariance of the completed items — derived from the pairwise sums, since
 *   Σ x̃_i x̃_j = Σ_both x_i x_j + m_j Σ_{i only} x_i + m_i Σ_{j only} x_j + m_i m_j #(neither).
 */
function imputedCov(st: ReliabilityState, sc: ScaleState): Float64Array {
  const k = sc.items.length;
  const C = new Float64Array(k * k);
  if (st.options.impute === 'none') {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) C[i * k + j] = pairCov(sc.co, i, j);
    return C;
  }
  const N = sc.nsub;
  const c = sc.shift;
  const mu = new Float64Array(k);
  const vm = sc.items.map((_, i) => variableMoments(sc.co, i));
  for (let i = 0; i < k; i++) {
    const m = st.options.impute === 'median' ? valueCountsMedian(sc.counts[i]) : vm[i].mean;
    mu[i] = m - c;
  }
  const tot = new Float64Array(k);
  for (let i = 0; i < k; i++) tot[i] = vm[i].s + (N - vm[i].n) * mu[i];
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let cross: number;
      if (i === j) {
        cross = vm[i].ss + (N - vm[i].n) * mu[i] * mu[i];
      } else {
        const p = pairSums(sc.co, i, j);
        const neither = N - vm[i].n - vm[j].n + p.n;
        cross = p.sij + mu[j] * (vm[i].s - p.si) + mu[i] * (vm[j].s - p.sj) + mu[i] * mu[j] * neither;
      }
      const v = (cross - (tot[i] * tot[j]) / N) / (N - 1);
      C[i * k + j] = v;
      C[j * k + i] = v;
    }
  }
  return C;
}

/** Object form of the accumulator: `add(chunk)`, `merge(other)`, `value()`; `state` is plain data. */
export interface ReliabilityAccumulator {
  readonly state: ReliabilityState;
  add(chunk: Table): void;
  merge(other: ReliabilityAccumulator | ReliabilityState): void;
  value(): ReliabilityValue;
}

export function createReliabilityAccumulator(keys: Keys, options: ReliabilityOptions = {}): ReliabilityAccumulator {
  const state = reliabilityInit(keys, options);
  return wrapReliabilityState(state, keys.source);
}

/** Wraps a state (e.g. one received from a worker) in the object form. */
export function wrapReliabilityState(state: ReliabilityState, keysSource = 'keys'): ReliabilityAccumulator {
  return {
    state,
    add: (chunk) => reliabilityAdd(state, chunk),
    merge: (other) => reliabilityMerge(state, 'state' in other ? other.state : other),
    value: () => reliabilityValue(state, keysSource),
  };
}

/** Max distinct values for `responses` (psych alpha's `max = 10`). */
const RESPONSE_VALUES = 10;

/** Counts of each value per item (psych's response.freq as counts); null beyond RESPONSE_VALUES values. */
function responseCounts(sc: ScaleState): ReliabilityJson['responses'] {
  if (sc.counts.some((c) => c.overflow)) return null;
  const tables = sc.counts.map(valueCountsTable);
  const values = [...new Set(tables.flatMap((t) => t.values))].sort((a, b) => a - b);
  if (values.length > RESPONSE_VALUES) return null;
  const at = new Map(values.map((v, j) => [v, j]));
  const counts = tables.map((t) => {
    const row = new Array<number>(values.length).fill(0);
    t.values.forEach((v, j) => (row[at.get(v)!] = t.counts[j]));
    return row;
  });
  return { values, counts };
}
