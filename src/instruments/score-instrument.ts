import { StaffwellError } from '../errors.ts';
import { type Table, lineOfRow, requireNumeric } from '../data/table.ts';
import type { CodedLane } from '../engine/coded-lane.ts';
import type { Band, Classification, InstrumentDefinition, ScoringRule, Subscale } from './definition.ts';

/**
 * Scores one instrument for every respondent of a table, by the definition's published rules.
 *
 * The core works on typed arrays: each mapped item column is first turned into an `Int16Array` of response-option
 * positions (-1 = missing), then every subscale is one pass over those arrays with a small score lookup per item.
 */

/** Item id -> column name, or a pattern such as `ghq_{n}` (`{n}` = 1-based item position, `{id}` = item id). */
export type ItemMapping = string | Readonly<Record<string, string>>;

export interface ScoreInstrumentOptions {
  /** Scoring method for subscales that do not name one (e.g. GHQ-12 "likert"); default: `defaultScoring`. */
  scoring?: string;
  /**
   * The codes the data use, in the order of the instrument's response options (e.g. `[0, 1, 2, 3]` for GHQ-12 data
   * coded 0..3). Default: the definition's own codes.
   */
  codes?: readonly number[];
  /** Selected cut-off per classification id (must be one of the published `allowed` cut-offs). */
  cutoffs?: Readonly<Record<string, number>>;
  /** Where the mapping came from, for error messages (e.g. `study.yaml: instruments[0].items`). */
  mappingSource?: string;
}

export interface ScaleScores {
  readonly id: string;
  readonly label: string;
  /** Scoring method id used, or "raw". */
  readonly scoring: string;
  readonly rule: ScoringRule;
  /** One score per respondent; NaN where the rule leaves it missing. */
  readonly values: Float64Array;
  /** Number of the subscale's items each respondent answered. */
  readonly answered: Int32Array;
  readonly nItems: number;
  /** Respondents with a missing score. */
  readonly missing: number;
}

export interface ClassificationScores {
  readonly id: string;
  readonly label: string;
  readonly of: string;
  readonly scoring: string;
  /** The cut-off used, for cut-off classifications. */
  readonly cutoff?: number;
  /** Band code per respondent; -1 where the score is missing or falls in no band. */
  readonly codes: Int32Array;
  /** The bands, in definition order. */
  readonly bands: readonly { code: number; label: string }[];
  /** Respondents per band, in the order of `bands`. */
  readonly counts: readonly number[];
  readonly missing: number;
}

export interface ConversionScores {
  readonly id: string;
  readonly label: string;
  readonly of: string;
  /** Converted score per respondent; NaN where the source score is missing or not in the table. */
  readonly values: Float64Array;
}

export interface InstrumentScores {
  readonly instrument: string;
  readonly n: number;
  /** Item id -> column name actually used. */
  readonly columns: Readonly<Record<string, string>>;
  readonly scales: readonly ScaleScores[];
  readonly classifications: readonly ClassificationScores[];
  readonly conversions: readonly ConversionScores[];
}

/** Resolves a mapping to item id -> column name, for the items the subscales use. */
export function resolveMapping(def: InstrumentDefinition, mapping: ItemMapping, source = 'mapping'): Record<string, string> {
  const used = new Set(def.subscales.flatMap((s) => s.items));
  const out: Record<string, string> = {};
  if (typeof mapping === 'string') {
    if (!mapping.includes('{n}') && !mapping.includes('{id}'))
      throw new StaffwellError('invalid-option', 'a column pattern must contain {n} (item number) or {id} (item id)', {
        field: source,
        value: mapping,
        hint: 'write e.g. "ghq_{n}", or give an object mapping each item id to a column name',
      });
    def.items.forEach((it, i) => {
      if (used.has(it.id)) out[it.id] = mapping.replaceAll('{n}', String(i + 1)).replaceAll('{id}', it.id);
    });
    return out;
  }
  const known = new Set(def.items.map((i) => i.id));
  for (const [item, column] of Object.entries(mapping)) {
    if (!known.has(item))
      throw new StaffwellError('invalid-option', `"${item}" is not an item of ${def.id}`, {
        field: `${source}.${item}`,
        value: item,
        hint: `the items are ${def.items.map((i) => i.id).join(', ')}`,
      });
    if (typeof column !== 'string' || column === '')
      throw new StaffwellError('invalid-option', 'the column name must be a non-empty string', {
        field: `${source}.${item}`,
        value: column,
      });
    out[item] = column;
  }
  const missing = [...used].filter((id) => !(id in out));
  if (missing.length)
    throw new StaffwellError('invalid-option', `the mapping leaves ${missing.length} item(s) of ${def.id} without a column`, {
      field: `${source}.${missing[0]}`,
      value: missing.join(', '),
      hint: 'map every item to a data column (or use a pattern such as "ghq_{n}")',
    });
  return out;
}

/** What scoring `def` needs besides the rows, checked once: the mapping, the data's codes, the scoring method. */
interface ScoringSetup {
  readonly columns: Record<string, string>;
  /** Response options. */
  readonly k: number;
  readonly defCodes: readonly number[];
  readonly dataCodes: readonly number[];
  /** Data code -> option position, or −1. */
  readonly lookup: (x: number) => number;
  readonly defaultMethod: string | undefined;
  /** Score of each option position under a method (the raw codes without one). */
  scoreTable(methodId: string | undefined): Float64Array;
}

function scoringSetup(def: InstrumentDefinition, mapping: ItemMapping, options: ScoreInstrumentOptions): ScoringSetup {
  const source = options.mappingSource ?? 'mapping';
  const columns = resolveMapping(def, mapping, source);
  const k = def.responseOptions.length;
  const defCodes = def.responseOptions.map((o) => o.code);
  const dataCodes = options.codes ?? defCodes;
  if (dataCodes.length !== k || new Set(dataCodes).size !== k)
    throw new StaffwellError('invalid-option', `codes must list ${k} distinct codes, one per response option of ${def.id}`, {
      field: 'codes',
      value: JSON.stringify(dataCodes),
      hint: `the response options are ${defCodes.join(', ')} in that order`,
    });
  const methodIds = new Set((def.scoring ?? []).map((m) => m.id));
  if (options.scoring !== undefined && !methodIds.has(options.scoring))
    throw new StaffwellError('invalid-option', `${def.id} has no scoring method "${options.scoring}"`, {
      field: 'scoring',
      value: options.scoring,
      hint: methodIds.size ? `choose one of ${[...methodIds].join(', ')}` : 'this instrument is scored from its raw codes',
    });
  return {
    columns,
    k,
    defCodes,
    dataCodes,
    lookup: codeLookup(dataCodes),
    defaultMethod: options.scoring ?? def.defaultScoring,
    scoreTable(methodId) {
      const out = new Float64Array(k);
      const m = methodId === undefined ? undefined : def.scoring!.find((s) => s.id === methodId)!;
      for (let p = 0; p < k; p++) out[p] = m ? m.values[String(defCodes[p])] : defCodes[p];
      return out;
    },
  };
}

/**
 * The classifications and conversions of `def` from its subscale scores (`scale(s, method)`, cached by the caller),
 * and the cut-off check. `buffers` (optional): arrays reused from call to call, by classification / conversion id.
 */
function derivedScores(
  def: InstrumentDefinition,
  setup: ScoringSetup,
  options: ScoreInstrumentOptions,
  n: number,
  scale: (s: Subscale, methodId: string | undefined) => ScaleScores,
  buffers?: Map<string, Int32Array | Float64Array>,
): Pick<InstrumentScores, 'scales' | 'classifications' | 'conversions'> {
  const buffer = <T extends Int32Array | Float64Array>(key: string, make: (n: number) => T): T => {
    if (!buffers) return make(n);
    let b = buffers.get(key) as T | undefined;
    if (!b || b.length < n) buffers.set(key, (b = make(n)));
    return b.subarray(0, n) as T;
  };
  const defaultMethod = setup.defaultMethod;
  const scales = def.subscales.map((s) => scale(s, s.scoring ?? defaultMethod));
  const classifications = (def.classifications ?? []).map((c) => {
    const s = def.subscales.find((x) => x.id === c.of)!;
    const sc = scale(s, c.scoring ?? s.scoring ?? defaultMethod);
    return classify(def, c, sc, options.cutoffs?.[c.id], buffer(`c\u0000${c.id}`, (m) => new Int32Array(m)));
  });
  for (const id of Object.keys(options.cutoffs ?? {}))
    if (!(def.classifications ?? []).some((c) => c.id === id && c.cutoff))
      throw new StaffwellError('invalid-option', `${def.id} has no classification "${id}" with a selectable cut-off`, {
        field: `cutoffs.${id}`,
        value: id,
      });
  const conversions = (def.conversions ?? []).map((c) => {
    const s = def.subscales.find((x) => x.id === c.of)!;
    const sc = scale(s, c.scoring ?? s.scoring ?? defaultMethod);
    const map = new Map(c.table.map((e) => [e.from, e.to]));
    const values = buffer(`v\u0000${c.id}`, (m) => new Float64Array(m));
    for (let i = 0; i < values.length; i++) {
      const to = map.get(sc.values[i]);
      values[i] = to === undefined ? NaN : to;
    }
    return { id: c.id, label: c.label ?? c.id, of: c.of, values };
  });
  return { scales, classifications, conversions };
}

/** Scores `def` for every row of `table`. Throws StaffwellError for bad mappings and out-of-range codes. */
export function scoreInstrument(
  def: InstrumentDefinition,
  table: Table,
  mapping: ItemMapping,
  options: ScoreInstrumentOptions = {},
): InstrumentScores {
  const source = options.mappingSource ?? 'mapping';
  const setup = scoringSetup(def, mapping, options);
  const { columns, k, defCodes, dataCodes, lookup } = setup;

  const itemIndex = new Map(def.items.map((it, i) => [it.id, i]));
  const positions = new Map<string, Int16Array>();
  for (const [itemId, colName] of Object.entries(columns)) {
    const col = requireNumeric(table, colName, `${source}, item "${itemId}"`);
    const item = def.items[itemIndex.get(itemId)!];
    const recode = item.recode ? buildRecode(item.recode, defCodes) : undefined;
    const pos = new Int16Array(table.nrows);
    const v = col.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (Number.isNaN(x)) {
        pos[i] = -1;
        continue;
      }
      let p = lookup(x);
      if (p < 0)
        throw new StaffwellError('out-of-range', `the value is not a response code of ${def.name} (item "${itemId}")`, {
          file: table.source,
          line: lineOfRow(table, i),
          column: colName,
          value: x,
          hint: `valid codes are ${dataCodes.join(', ')}; declare other codes as missing, or give the codes your data use`,
        });
      if (recode) p = recode[p];
      pos[i] = p;
    }
    positions.set(itemId, pos);
  }

  const cache = new Map<string, ScaleScores>();
  const scale = (s: Subscale, methodId: string | undefined): ScaleScores => {
    const key = `${s.id}\u0000${methodId ?? ''}`;
    let r = cache.get(key);
    if (!r) {
      r = scoreSubscale(def, s, methodId, setup.scoreTable(methodId), positions, table.nrows, k);
      cache.set(key, r);
    }
    return r;
  };
  return { instrument: def.id, n: table.nrows, columns, ...derivedScores(def, setup, options, table.nrows, scale) };
}

/** Scores one instrument from the coded lane's one-digit codes (src/engine/coded-lane.ts). */
export interface CodedScorer {
  /** Item id -> column name. */
  readonly columns: Readonly<Record<string, string>>;
  /**
   * Scores rows [0, n) of a lane chunk (`item(itemId)`: the lane's index of the item's column), whose codes the
   * caller has checked are all data codes. The same numbers as `scoreInstrument` on those rows; the arrays
   * returned are reused by the next call.
   */
  score(lane: CodedLane, item: (itemId: string) => number, n: number): InstrumentScores;
}

/**
 * A scorer of `def` from code bytes. A subscale whose item scores are integers linear in the code (score =
 * p0 + p1·code, reversed q0 − p1·code, as for raw codes and reversal by min + max) is scored from the lane's
 * scale rows (`lane.scale`: answered, reversed answered and the signed total of 16 rows at a time): its sum is
 * p0·(answered − reversed) + q0·reversed + p1·total, an integer, so exactly the sum `scoreSubscale` adds up.
 * Any other subscale is one pass over each item's codes with a table from the code byte to the item's score
 * (reversal and recode applied; 0 when empty), adding into the rows' sums in item order (`scoreSubscale`'s
 * additions, in its order). The output arrays are kept from chunk to chunk.
 */
export function codedScorer(def: InstrumentDefinition, mapping: ItemMapping, options: ScoreInstrumentOptions = {}): CodedScorer {
  const setup = scoringSetup(def, mapping, options);
  const { columns, k } = setup;
  const positions = new Map(Object.keys(columns).map((id) => [id, codePositions(def, id, options.codes)]));
  interface Plan {
    s: Subscale;
    methodId: string | undefined;
    items: string[];
    value: Float64Array[];
    answered: Uint8Array[];
    need: number;
    rule: 0 | 1 | 2;
    /** Item scores as integers linear in the code, or null. */
    linear: { p0: number; q0: number; p1: number; signs: Int8Array } | null;
    buf: { sum: Float64Array; values: Float64Array; answered: Int32Array };
  }
  const plans = new Map<string, Plan>();
  const planOf = (s: Subscale, methodId: string | undefined): Plan => {
    const key = `${s.id}\u0000${methodId ?? ''}`;
    let p = plans.get(key);
    if (p) return p;
    const scores = setup.scoreTable(methodId);
    const value: Float64Array[] = [];
    const answered: Uint8Array[] = [];
    const reversed: boolean[] = [];
    for (const id of s.items) {
      const item = def.items.find((x) => x.id === id)!;
      const rev = item.reversed === true || (s.reversed ?? []).includes(id);
      reversed.push(rev);
      const pos = positions.get(id)!;
      const v = new Float64Array(256);
      const a = new Uint8Array(256);
      for (let c = 0; c < 256; c++) {
        if (pos[c] < 0) continue;
        v[c] = rev ? scores[k - 1 - pos[c]] : scores[pos[c]];
        a[c] = 1;
      }
      value.push(v);
      answered.push(a);
    }
    const t = s.rule.type;
    p = {
      s,
      methodId,
      items: [...s.items],
      value,
      answered,
      need: minAnsweredCount(s.rule, s.items.length),
      rule: t === 'sum' ? 0 : t === 'mean' || t === 'prorated-mean' ? 1 : 2,
      linear: linearScores(value, answered, reversed),
      buf: { sum: new Float64Array(0), values: new Float64Array(0), answered: new Int32Array(0) },
    };
    plans.set(key, p);
    return p;
  };
  const buffers = new Map<string, Int32Array | Float64Array>();
  return {
    columns,
    score(lane, item, n) {
      const cache = new Map<string, ScaleScores>();
      const scale = (s: Subscale, methodId: string | undefined): ScaleScores => {
        const key = `${s.id}\u0000${methodId ?? ''}`;
        let r = cache.get(key);
        if (!r) cache.set(key, (r = codedSubscale(planOf(s, methodId), lane, item, n)));
        return r;
      };
      return { instrument: def.id, n, columns, ...derivedScores(def, setup, options, n, scale, buffers) };
    },
  };

  function codedSubscale(p: Plan, lane: CodedLane, item: (itemId: string) => number, n: number): ScaleScores {
    if (p.buf.sum.length < n) p.buf = { sum: new Float64Array(n), values: new Float64Array(n), answered: new Int32Array(n) };
    const sum = p.buf.sum.subarray(0, n);
    const answered = p.buf.answered.subarray(0, n);
    const values = p.buf.values.subarray(0, n);
    const idx = p.items.map(item);
    if (p.linear) {
      const { p0, q0, p1, signs } = p.linear;
      const rows = lane.scale(idx, signs, 0, 0, n);
      const missing = linearValues(rows.cnt, rows.rev, rows.tot, p0, q0, p1, answered, values, n, p.need, p.rule, p.items.length);
      return { id: p.s.id, label: p.s.label ?? p.s.id, scoring: p.methodId ?? 'raw', rule: p.s.rule, values, answered, nItems: p.items.length, missing };
    }
    sum.fill(0);
    answered.fill(0);
    const cols = idx.map((i) => lane.codesOf(i, n));
    // in blocks of rows, so that the sums stay in the cache while every item adds to them
    for (let b = 0; b < n; b += SCORE_BLOCK) {
      const e = Math.min(n, b + SCORE_BLOCK);
      for (let j = 0; j < cols.length; j++) addItem(cols[j], p.value[j], p.answered[j], sum, answered, b, e);
    }
    const missing = subscaleValues(sum, answered, values, n, p.need, p.rule, p.items.length);
    return { id: p.s.id, label: p.s.label ?? p.s.id, scoring: p.methodId ?? 'raw', rule: p.s.rule, values, answered, nItems: p.items.length, missing };
  }
}

const SCORE_BLOCK = 2048;

/**
 * p0, q0, p1 with every answered code c scoring p0 + p1·c (q0 − p1·c reversed), all integers, and the items' signs;
 * null when the scores are not so (then the sums are not integers, or not linear in the lane's totals).
 */
function linearScores(value: readonly Float64Array[], answered: readonly Uint8Array[], reversed: readonly boolean[]): { p0: number; q0: number; p1: number; signs: Int8Array } | null {
  // p1 from the first item with two codes
  let p1 = NaN;
  for (let j = 0; j < value.length && Number.isNaN(p1); j++) {
    const cs = [...Array(10).keys()].filter((c) => answered[j][c]);
    if (cs.length >= 2) p1 = ((value[j][cs[1]] - value[j][cs[0]]) / (cs[1] - cs[0])) * (reversed[j] ? -1 : 1);
  }
  if (!Number.isInteger(p1)) return null;
  let p0 = NaN;
  let q0 = NaN;
  for (let j = 0; j < value.length; j++)
    for (let c = 0; c <= 9; c++) {
      if (!answered[j][c]) continue;
      const v = value[j][c];
      if (!Number.isInteger(v)) return null;
      if (reversed[j]) {
        if (Number.isNaN(q0)) q0 = v + p1 * c;
        if (v !== q0 - p1 * c) return null;
      } else {
        if (Number.isNaN(p0)) p0 = v - p1 * c;
        if (v !== p0 + p1 * c) return null;
      }
    }
  if (answered.some((a) => a[255])) return null;
  const big = 1 << 20;
  if (!(Math.abs(p1) < big && (Number.isNaN(p0) || Math.abs(p0) < big) && (Number.isNaN(q0) || Math.abs(q0) < big))) return null;
  return { p0: Number.isNaN(p0) ? 0 : p0, q0: Number.isNaN(q0) ? 0 : q0, p1, signs: Int8Array.from(reversed, (r) => (r ? -1 : 1)) };
}

/** `subscaleValues` from the lane's scale rows of a linear subscale (the sum: see `linearScores`). */
function linearValues(
  cnt: Uint8Array,
  rev: Uint8Array,
  tot: Int32Array,
  p0: number,
  q0: number,
  p1: number,
  answered: Int32Array,
  values: Float64Array,
  n: number,
  need: number,
  rule: number,
  nItems: number,
): number {
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const a = cnt[i];
    answered[i] = a;
    const rv = rev[i];
    // + 0: a sum that is zero is +0, as scoreSubscale's (which starts from +0)
    const sum = p0 * (a - rv) + q0 * rv + p1 * tot[i] + 0;
    let v: number;
    if (a < need || a === 0) v = NaN;
    else if (rule === 0) v = sum;
    else if (rule === 1) v = sum / a;
    else v = (sum / a) * nItems;
    if (v !== v) missing++;
    values[i] = v;
  }
  return missing;
}

function addItem(c: Uint8Array, value: Float64Array, ans: Uint8Array, sum: Float64Array, answered: Int32Array, b: number, e: number): void {
  for (let r = b; r < e; r++) {
    const x = c[r];
    sum[r] += value[x];
    answered[r] += ans[x];
  }
}

/** `scoreSubscale`'s rule on the sums (rule 0 sum, 1 mean, 2 prorated sum); returns the missing count. */
function subscaleValues(sum: Float64Array, answered: Int32Array, values: Float64Array, n: number, need: number, rule: number, nItems: number): number {
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const a = answered[i];
    let v: number;
    if (a < need || a === 0) v = NaN;
    else if (rule === 0) v = sum[i];
    else if (rule === 1) v = sum[i] / a;
    else v = (sum[i] / a) * nItems;
    if (v !== v) missing++;
    values[i] = v;
  }
  return missing;
}

/**
 * For one item, the response-option position (recodes applied) of each one-digit code byte 0..9, −1 for 255 (an
 * empty field) and −2 for a code that is not one of the data's codes: what the coded lane checks its codes with.
 */
export function codePositions(def: InstrumentDefinition, itemId: string, codes?: readonly number[]): Int16Array {
  const defCodes = def.responseOptions.map((o) => o.code);
  const lookup = codeLookup(codes ?? defCodes);
  const item = def.items.find((it) => it.id === itemId)!;
  const recode = item.recode ? buildRecode(item.recode, defCodes) : undefined;
  const out = new Int16Array(256).fill(-2);
  out[255] = -1;
  for (let c = 0; c <= 9; c++) {
    const p = lookup(c);
    if (p >= 0) out[c] = recode ? recode[p] : p;
  }
  return out;
}

/** Position of a data code among the response options, or -1. Integer codes use an array; others a Map. */
function codeLookup(codes: readonly number[]): (x: number) => number {
  const ints = codes.every((c) => Number.isInteger(c));
  const lo = Math.min(...codes);
  const hi = Math.max(...codes);
  if (ints && hi - lo <= 4096) {
    const arr = new Int16Array(hi - lo + 1).fill(-1);
    codes.forEach((c, p) => (arr[c - lo] = p));
    return (x) => (Number.isInteger(x) && x >= lo && x <= hi ? arr[x - lo] : -1);
  }
  const m = new Map(codes.map((c, p) => [c, p]));
  return (x) => m.get(x) ?? -1;
}

function buildRecode(recode: Record<string, number>, defCodes: readonly number[]): Int16Array {
  const out = new Int16Array(defCodes.length);
  defCodes.forEach((c, p) => {
    const to = recode[String(c)];
    out[p] = to === undefined ? p : defCodes.indexOf(to);
  });
  return out;
}

/** Minimum number of answered items a prorated rule needs. */
export function minAnsweredCount(rule: ScoringRule, nItems: number): number {
  if (rule.type === 'sum' || rule.type === 'mean') return nItems;
  const m = rule.minAnswered;
  return typeof m === 'number' ? m : Math.max(1, Math.ceil(m.fraction * nItems - 1e-9));
}

function scoreSubscale(
  def: InstrumentDefinition,
  s: Subscale,
  methodId: string | undefined,
  scores: Float64Array,
  positions: Map<string, Int16Array>,
  n: number,
  k: number,
): ScaleScores {
  const nItems = s.items.length;
  const cols: Int16Array[] = [];
  const rev: boolean[] = [];
  for (const id of s.items) {
    cols.push(positions.get(id)!);
    const item = def.items.find((x) => x.id === id)!;
    // Reversed everywhere XOR reversed in this subscale only would be ambiguous; either marks the item reversed.
    rev.push(item.reversed === true || (s.reversed ?? []).includes(id));
  }
  const revScores = new Float64Array(k);
  for (let p = 0; p < k; p++) revScores[p] = scores[k - 1 - p];
  const need = minAnsweredCount(s.rule, nItems);
  const values = new Float64Array(n);
  const answered = new Int32Array(n);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let a = 0;
    for (let j = 0; j < nItems; j++) {
      const p = cols[j][i];
      if (p < 0) continue;
      sum += rev[j] ? revScores[p] : scores[p];
      a++;
    }
    answered[i] = a;
    let v: number;
    if (a < need || a === 0) v = NaN;
    else if (s.rule.type === 'sum') v = sum;
    else if (s.rule.type === 'mean' || s.rule.type === 'prorated-mean') v = sum / a;
    else v = (sum / a) * nItems;
    if (Number.isNaN(v)) missing++;
    values[i] = v;
  }
  return {
    id: s.id,
    label: s.label ?? s.id,
    scoring: methodId ?? 'raw',
    rule: s.rule,
    values,
    answered,
    nItems,
    missing,
  };
}

/** True when `x` falls in `b` (min/max inclusive, above/below exclusive). */
export function inBand(x: number, b: Band): boolean {
  return (
    (b.min === undefined || x >= b.min) &&
    (b.max === undefined || x <= b.max) &&
    (b.above === undefined || x > b.above) &&
    (b.below === undefined || x < b.below)
  );
}

function classify(def: InstrumentDefinition, c: Classification, sc: ScaleScores, selected: number | undefined, out?: Int32Array): ClassificationScores {
  let bands: Band[];
  let cutoff: number | undefined;
  if (c.cutoff) {
    cutoff = selected ?? c.cutoff.default;
    if (!c.cutoff.allowed.includes(cutoff))
      throw new StaffwellError('invalid-option', `${cutoff} is not a published cut-off for ${def.id} ${c.id}`, {
        field: `cutoffs.${c.id}`,
        value: cutoff,
        hint: `choose one of ${c.cutoff.allowed.join(', ')}`,
      });
    bands = [
      { code: 0, label: c.cutoff.labels.below, below: cutoff },
      { code: 1, label: c.cutoff.labels.atOrAbove, min: cutoff },
    ];
  } else bands = c.bands!;
  const n = sc.values.length;
  const codes = out ?? new Int32Array(n);
  const counts = new Array<number>(bands.length).fill(0);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const x = sc.values[i];
    let code = -1;
    if (!Number.isNaN(x)) {
      for (let b = 0; b < bands.length; b++) {
        if (inBand(x, bands[b])) {
          code = bands[b].code;
          counts[b]++;
          break;
        }
      }
    }
    if (code < 0) missing++;
    codes[i] = code;
  }
  return {
    id: c.id,
    label: c.label ?? c.id,
    of: c.of,
    scoring: sc.scoring,
    cutoff,
    codes,
    bands: bands.map((b) => ({ code: b.code, label: b.label })),
    counts,
    missing,
  };
}
