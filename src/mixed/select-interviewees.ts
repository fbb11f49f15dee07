import { StaffwellError } from '../errors.ts';
import { findColumn, textAt } from '../data/table.ts';
import { asGroups, findVariable, valueAt, type Respondents, type RespondentVariable } from './respondents.ts';

/**
 * Whom to interview next (explanatory sequential design): candidates proposed from the survey results, each with
 * the reason they were chosen. Seeded and reproducible (same data, options and seed: same list, in the same
 * order). Respondents without an id, without consent (when a consent column is named) or without the values the
 * strategy needs are not eligible, and are counted.
 *
 * - `extreme`: the `n` highest and the `n` lowest on a score (deviant cases);
 * - `typical`: the `n` closest to the median of a score;
 * - `per-group`: `n` at random from each level of a classification or group (one per band, one per site);
 * - `stratified`: `n` at random from each combination of several groups (site × role);
 * - `max-variation`: `n` spread as far apart as possible on several scores (standardised), greedily: the first
 *   at random, then each time the respondent farthest from everyone chosen so far.
 */
export type SelectionStrategy = 'extreme' | 'typical' | 'per-group' | 'stratified' | 'max-variation';
export const SELECTION_STRATEGIES: readonly SelectionStrategy[] = ['extreme', 'typical', 'per-group', 'stratified', 'max-variation'];

export interface SelectionOptions {
  strategy: SelectionStrategy;
  /** `extreme`, `typical`: one score. `max-variation`: one or more. */
  scores?: readonly string[];
  /** `per-group`: one variable; `stratified`: one or more. */
  by?: readonly string[];
  /** Per end (`extreme`), per group (`per-group`, `stratified`), in all (`typical`, `max-variation`). Default 1, or 8 in all. */
  n?: number;
  seed?: number;
  /** A data column saying who agreed to be contacted for an interview. */
  consent?: string;
  /** Values of the consent column that mean yes (default yes, y, true, 1, agreed, consented; any case). */
  consentValues?: readonly string[];
  /** Ids already interviewed or approached: not proposed again. */
  exclude?: readonly string[];
}

export interface Selection {
  strategy: SelectionStrategy;
  seed: number;
  n: number;
  scores: string[];
  by: string[];
  consent: string | null;
  respondents: number;
  eligible: number;
  excluded: { noId: number; noConsent: number; missingValues: number; alreadyChosen: number };
  selected: { id: string; line: number; reason: string; values: Record<string, number | string | null> }[];
}

const DEFAULT_YES = ['yes', 'y', 'true', '1', 'agreed', 'consented'];

export function selectInterviewees(r: Respondents, options: SelectionOptions): Selection {
  const strategy = options.strategy;
  if (!SELECTION_STRATEGIES.includes(strategy)) {
    throw new StaffwellError('invalid-option', 'unknown selection strategy', { field: 'strategy', value: strategy, hint: `use one of: ${SELECTION_STRATEGIES.join(', ')}` });
  }
  const seed = options.seed ?? 1;
  const scores = (options.scores ?? []).map((s, i) => findVariable(r.variables, s, `scores[${i + 1}]`));
  const by = (options.by ?? []).map((s, i) => findVariable(r.variables, s, `by[${i + 1}]`));
  for (const v of scores) if (v.type !== 'numeric') throw new StaffwellError('invalid-option', 'not a numeric survey variable', { field: 'scores', value: v.ref, hint: 'name a score, e.g. ghq.total' });
  const need = (ok: boolean, what: string, hint: string) => {
    if (!ok) throw new StaffwellError('invalid-option', `the ${strategy} strategy needs ${what}`, { field: strategy === 'per-group' || strategy === 'stratified' ? 'by' : 'scores', hint });
  };
  if (strategy === 'extreme' || strategy === 'typical') need(scores.length === 1, 'one score', 'give --score NAME, e.g. ghq.total');
  if (strategy === 'max-variation') need(scores.length >= 1, 'one or more scores', 'give --score with one or more names, comma-separated');
  if (strategy === 'per-group') need(by.length === 1, 'one grouping variable', 'give --by NAME, e.g. hse.demands_band or site');
  if (strategy === 'stratified') need(by.length >= 1, 'one or more grouping variables', 'give --by with names, comma-separated');
  const n = options.n ?? (strategy === 'typical' || strategy === 'max-variation' ? 8 : 1);
  if (!Number.isInteger(n) || n < 1) throw new StaffwellError('invalid-option', 'n must be a whole number of at least 1', { field: 'n', value: n });

  const consent = consentOf(r, options);
  const exclude = new Set(options.exclude ?? []);
  const excluded = { noId: 0, noConsent: 0, missingValues: 0, alreadyChosen: 0 };
  const groups = by.map(asGroups);
  const eligible: number[] = [];
  for (let i = 0; i < r.ids.length; i++) {
    if (r.ids[i] === null) excluded.noId++;
    else if (consent && !consent(i)) excluded.noConsent++;
    else if (exclude.has(r.ids[i]!)) excluded.alreadyChosen++;
    else if (scores.some((v) => v.type === 'numeric' && Number.isNaN(v.values[i])) || groups.some((g) => g.codes[i] < 0)) excluded.missingValues++;
    else eligible.push(i);
  }
  const rand = mulberry32(seed);
  const picked: { row: number; reason: string }[] = [];
  const score = scores[0]?.type === 'numeric' ? scores[0] : undefined;
  const rank = (rows: number[], dir: 1 | -1) => [...rows].sort((a, b) => dir * (score!.values[a] - score!.values[b]) || a - b);
  if (strategy === 'extreme') {
    const desc = rank(eligible, -1);
    const top = desc.slice(0, n);
    const bottom = rank(eligible, 1).filter((x) => !top.includes(x)).slice(0, n);
    for (const row of top) picked.push({ row, reason: `among the ${n} highest on ${score!.ref} (${fmt(score!.values[row])}; rank ${desc.indexOf(row) + 1} of ${eligible.length})` });
    for (const row of bottom) picked.push({ row, reason: `among the ${n} lowest on ${score!.ref} (${fmt(score!.values[row])}; rank ${desc.indexOf(row) + 1} of ${eligible.length})` });
  } else if (strategy === 'typical') {
    const med = median(eligible.map((i) => score!.values[i]));
    const order = shuffle(eligible, rand).sort((a, b) => Math.abs(score!.values[a] - med) - Math.abs(score!.values[b] - med));
    for (const row of order.slice(0, n)) picked.push({ row, reason: `typical on ${score!.ref}: ${fmt(score!.values[row])}, median ${fmt(med)}` });
  } else if (strategy === 'per-group' || strategy === 'stratified') {
    const cells = new Map<string, number[]>();
    for (const i of eligible) {
      const key = groups.map((g) => g.codes[i]).join(',');
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(i);
    }
    const keys = [...cells.keys()].sort((a, b) => {
      const x = a.split(',').map(Number);
      const y = b.split(',').map(Number);
      for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] - y[k];
      return 0;
    });
    for (const key of keys) {
      const rows = cells.get(key)!;
      const label = by.map((v, k) => `${v.ref} = ${groups[k].levels[Number(key.split(',')[k])]}`).join(', ');
      for (const row of shuffle(rows, rand).slice(0, n)) picked.push({ row, reason: `${label} (drawn at random from ${rows.length})` });
    }
  } else {
    const z = scores.map((v) => standardise(v, eligible));
    const dist = (a: number, b: number) => Math.sqrt(z.reduce((s, col) => s + (col.get(a)! - col.get(b)!) ** 2, 0));
    const pool = shuffle(eligible, rand);
    if (pool.length > 0) picked.push({ row: pool[0], reason: 'first pick, at random' });
    const nearest = new Map(pool.map((i) => [i, pool.length ? dist(i, pool[0]) : 0]));
    while (picked.length < Math.min(n, pool.length)) {
      let best = -1;
      let bestD = -1;
      for (const i of pool) {
        const d = nearest.get(i)!;
        if (d > bestD && !picked.some((p) => p.row === i)) [best, bestD] = [i, d];
      }
      picked.push({ row: best, reason: `farthest from those chosen on ${scores.map((v) => v.ref).join(', ')} (distance ${fmt(bestD)} SD)` });
      for (const i of pool) nearest.set(i, Math.min(nearest.get(i)!, dist(i, best)));
    }
  }
  const shown = [...scores, ...by];
  return {
    strategy,
    seed,
    n,
    scores: scores.map((v) => v.ref),
    by: by.map((v) => v.ref),
    consent: options.consent ?? null,
    respondents: r.ids.length,
    eligible: eligible.length,
    excluded,
    selected: picked.map(({ row, reason }) => ({ id: r.ids[row]!, line: r.lines[row], reason, values: Object.fromEntries(shown.map((v) => [v.ref, valueAt(v, row)])) })),
  };
}

function consentOf(r: Respondents, o: SelectionOptions): ((row: number) => boolean) | undefined {
  if (!o.consent) return undefined;
  const c = findColumn(r.table, o.consent);
  if (!c) throw new StaffwellError('invalid-option', `the data file has no column of this name (${r.dataFile})`, { field: 'consent', value: o.consent, hint: 'name the column recording consent to be interviewed' });
  const yes = new Set((o.consentValues ?? DEFAULT_YES).map((v) => v.trim().toLowerCase()));
  return c.kind === 'number' ? (i) => yes.has(String(c.values[i])) : (i) => yes.has((textAt(c, i) ?? '').trim().toLowerCase());
}

function standardise(v: RespondentVariable, rows: readonly number[]): Map<number, number> {
  const xs = rows.map((i) => (v.type === 'numeric' ? v.values[i] : NaN));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1)) || 1;
  return new Map(rows.map((i, k) => [i, (xs[k] - mean) / sd]));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** Fisher–Yates with a seeded generator (a copy; the input is untouched). */
function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** mulberry32: a small seeded 32-bit generator, enough to make a draw reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
