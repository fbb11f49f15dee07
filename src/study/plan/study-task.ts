/**
 * The study scan task (a scan task module, src/data/scan-parallel.ts: `createTask(args, header)` -> `{ add,
 * finish }`): per chunk it scores every instrument, computes the study variables the plan reads, checks the id
 * column, and feeds every accumulator of the plan. The same code runs on the calling thread and in each worker;
 * states merge in file order (`mergeStudyStates`).
 */
import { findColumn, lineOfRow, makeTable, type Column, type Table } from '../../data/table.ts';
import { MAX_SCALE_ITEMS, type CodedChunk, type CodedConsumer } from '../../engine/coded-lane.ts';
import { reliabilityAddCodes, reliabilityCodedRows, type ReliabilityState } from '../../psych/reliability-accumulator.ts';
import { codedScorer, resolveMapping, type CodedScorer, type InstrumentScores } from '../../instruments/score-instrument.ts';
import type { TaskHeader } from '../../data/scan-parallel.ts';
import { accAdd, accFinish, accInit, accMerge, type AccEnv } from './accumulators.ts';
import { ChunkComputer, resolveVariables, type ResolvedVar } from './chunk-variables.ts';
import { mergeLevels, type LevelSet } from './levels.ts';
import type { StudyTaskArgs } from './plan-types.ts';

/** Duplicate-id check with the in-memory runner's semantics (ids are numbers for a numeric column). */
export interface IdCheckState {
  /** id -> line of its first row. */
  first: Map<string | number, number>;
  /** The first row (in file order) whose id was seen before. */
  dup: { line: number; first: number; id: string | number } | null;
  missing: number;
}

export interface InstrumentTally {
  /** Per subscale, rows without a score. */
  scaleMissing: number[];
  /** Per classification, rows per band (definition order) and rows in no band. */
  bandCounts: number[][];
  bandMissing: number[];
}

export interface StudyTaskState {
  rows: number;
  /** Rows of them read through the coded lane. */
  laneRows: number;
  /** Type of each column read. */
  types: Record<string, 'number' | 'text'>;
  /** Level sets of the group variables (by variable id). */
  levels: Record<string, LevelSet>;
  instruments: InstrumentTally[];
  ids: IdCheckState | null;
  accs: unknown[];
}

export function createTask(args: StudyTaskArgs, header: Pick<TaskHeader, 'source'> & Partial<TaskHeader> & { table?: Table }) {
  const types: Record<string, 'number' | 'text'> = {};
  if (header.columns && header.types) header.columns.forEach((c, k) => (types[c] = header.types![k]));
  else if (header.table) for (const c of header.table.columns) types[c.name] = c.kind === 'number' ? 'number' : 'text';
  const vars = resolveVariables(args.variables, (c) => types[c], args.instruments);
  const env: AccEnv = { vars };
  const computer = new ChunkComputer(args.instruments, vars);
  const levels: Record<string, LevelSet> = {};
  for (const [id, r] of vars) if (r.as === 'group') levels[id] = r.levels;
  const state: StudyTaskState = {
    rows: 0,
    laneRows: 0,
    types,
    levels,
    instruments: args.instruments.map((u) => ({
      scaleMissing: u.def.subscales.map(() => 0),
      bandCounts: (u.def.classifications ?? []).map((c) => new Array<number>(c.cutoff ? 2 : c.bands!.length).fill(0)),
      bandMissing: (u.def.classifications ?? []).map(() => 0),
    })),
    ids: args.idColumn ? { first: new Map(), dup: null, missing: 0 } : null,
    accs: args.accumulators.map((a) => accInit(a, env)),
  };
  /** `lane`: the coded lane's item positions per instrument, and the accumulators it has fed. */
  const add = (chunk: Table, lane?: LaneExtras): void => {
    if (state.ids) idCheckAdd(state.ids, chunk, args.idColumn!);
    const v = computer.compute(chunk, lane?.scores);
    state.rows += chunk.nrows;
    if (lane) state.laneRows += chunk.nrows;
    args.instruments.forEach((u, i) => {
      const sc = v.scores.get(u.name)!;
      const t = state.instruments[i];
      sc.scales.forEach((s, j) => (t.scaleMissing[j] += s.missing));
      sc.classifications.forEach((k, j) => {
        k.counts.forEach((c, b) => (t.bandCounts[j][b] += c));
        t.bandMissing[j] += k.missing;
      });
    });
    args.accumulators.forEach((a, k) => {
      if (!lane?.fed.has(k)) accAdd(state.accs[k], a, v, env);
    });
  };
  return {
    add,
    coded: header.columns && header.types ? studyLane(args, header.columns, header.types, state.accs, add) : undefined,
    finish(): StudyTaskState {
      args.accumulators.forEach((a, k) => accFinish(state.accs[k], a));
      return state;
    },
  };
}

interface LaneExtras {
  /** Every instrument's scores of the rows, from the lane's codes. */
  scores: ReadonlyMap<string, InstrumentScores>;
  /** The accumulators (indexes) the lane has fed these rows. */
  fed: ReadonlySet<number>;
}

/**
 * The coded lane (src/engine/coded-lane.ts) for a file of one-digit codes: rows the lane parses are checked first
 * (every item code one of its instrument's codes; a logistic outcome 0 or 1), so that anything an error would be
 * reported for is left to the JavaScript parser, which names its line. For the rows before, the instruments are
 * scored from the code bytes (`codedScorer`: the lane's scale rows, or a score table per item; no number columns), the reliability
 * accumulators take the lane's scale rows (pattern counts, as `staffwell reliability` does) while they can, or
 * else, for scales counted row by row, the codes (`reliabilityAddCodes`), and
 * `add` gets a table of the lane's groups and only the number columns a variable reads as data (or every item, when
 * reliability cannot use the lane).
 */
function studyLane(
  args: StudyTaskArgs,
  columns: readonly string[],
  types: readonly ('number' | 'text')[],
  accs: unknown[],
  add: (t: Table, lane: LaneExtras) => void,
): CodedConsumer | undefined {
  const items = columns.filter((_, k) => types[k] === 'number');
  const groups = columns.filter((_, k) => types[k] === 'text');
  if (args.idColumn !== undefined) return undefined;
  const checks: { column: string; codes: number[] }[] = [];
  const scored: { name: string; scorer: CodedScorer; column: Map<string, string> }[] = [];
  for (const u of args.instruments) {
    let scorer: CodedScorer;
    try {
      scorer = codedScorer(u.def, u.items, { scoring: u.scoring, codes: u.codes, cutoffs: u.cutoffs, mappingSource: u.mappingSource });
    } catch {
      return undefined; // the JavaScript path reports it
    }
    const codes = u.codes ?? u.def.responseOptions.map((o) => o.code);
    for (const column of Object.values(scorer.columns)) checks.push({ column, codes });
    scored.push({ name: u.name, scorer, column: new Map(Object.entries(scorer.columns)) });
  }
  for (const a of args.accumulators) {
    if (a.kind !== 'binary-check') continue;
    const v = args.variables.find((x) => x.id === a.y)!;
    if ('column' in v.source && items.includes(v.source.column)) checks.push({ column: v.source.column, codes: [0, 1] });
  }
  // reliability accumulators whose every scale counts patterns take the lane's scale rows (`on` until one cannot)
  const reliability = args.accumulators.flatMap((a, k) => {
    if (a.kind !== 'reliability') return [];
    const st = accs[k] as ReliabilityState;
    return [{ k, st, on: st.scales.every((sc) => sc.items.length <= MAX_SCALE_ITEMS), items: st.scales.flatMap((sc) => sc.items) }];
  });
  // number columns the variables read as data (the scores come from positions)
  const dataColumns = new Set<string>();
  for (const v of args.variables) if ('column' in v.source && items.includes(v.source.column)) dataColumns.add(v.source.column);
  const buffers = new Map<string, Float64Array>();
  return {
    items,
    groups,
    add(chunk: CodedChunk): number {
      const { lane } = chunk;
      let n = chunk.nrows;
      for (const c of checks) {
        const i = lane.item(c.column);
        const lo = Math.min(...c.codes);
        const hi = Math.max(...c.codes);
        if (hi - lo + 1 === c.codes.length && c.codes.every(Number.isInteger)) n = lane.check(i, lo, hi, n);
        else {
          const ok = new Uint8Array(256);
          for (const x of c.codes) if (Number.isInteger(x) && x >= 0 && x <= 9) ok[x] = 1;
          ok[255] = 1;
          const codes = lane.codesOf(i, n);
          for (let r = 0; r < n; r++) if (!ok[codes[r]]) n = r;
        }
        if (n <= 0) return 0;
      }
      // each reliability accumulator the lane can feed takes these rows, or the JavaScript parser reads a chunk's worth
      for (const r of reliability) {
        if (!r.on) continue;
        const m = reliabilityCodedRows(r.st, { ...chunk, nrows: n });
        if (m < 0) r.on = false;
        else if (m === 0) return 0;
        else n = Math.min(n, m);
      }
      const fed = new Set<number>();
      const numbers = new Set(dataColumns);
      for (const r of reliability) {
        if (!r.on) {
          // scales counted row by row take the codes (no number columns), unless a range check needs the table
          if (r.items.every((name) => lane.item(name) >= 0) && reliabilityAddCodes(r.st, (name) => lane.codesOf(lane.item(name), n), n)) fed.add(r.k);
          else for (const name of r.items) numbers.add(name);
          continue;
        }
        fed.add(r.k);
        for (const sc of r.st.scales) {
          const pc = sc.pattern!;
          lane.scale(sc.items.map((name) => lane.item(name)), sc.signs, pc.lo, pc.K, n);
          lane.count(pc.counts, n);
        }
      }
      const scores = new Map<string, InstrumentScores>();
      for (const u of scored) scores.set(u.name, u.scorer.score(lane, (id) => lane.item(u.column.get(id)!), n));
      const cols: Column[] = [];
      for (const name of items) {
        if (!numbers.has(name)) continue;
        let b = buffers.get(name);
        if (!b || b.length < n) buffers.set(name, (b = new Float64Array(Math.max(n, chunk.sizeHint))));
        const x = b.subarray(0, n);
        const codes = lane.codesOf(lane.item(name), n);
        for (let r = 0; r < n; r++) x[r] = codes[r] === 255 ? NaN : codes[r];
        cols.push({ kind: 'number', name, values: x });
      }
      for (const name of groups) cols.push(lane.group(name, n));
      add(makeTable({ source: chunk.source, columns: cols, nrows: n, firstRow: chunk.firstRow }), { scores, fed });
      return n;
    },
  };
}

function idCheckAdd(st: IdCheckState, chunk: Table, name: string): void {
  const c = findColumn(chunk, name)!;
  for (let i = 0; i < chunk.nrows; i++) {
    let key: string | number | undefined;
    if (c.kind === 'text') key = c.codes[i] < 0 ? undefined : c.dictionary[c.codes[i]];
    else key = Number.isNaN(c.values[i]) ? undefined : c.values[i];
    if (key === undefined) {
      st.missing++;
      continue;
    }
    if (st.dup) continue;
    const first = st.first.get(key);
    if (first !== undefined) st.dup = { line: lineOfRow(chunk, i), first, id: key };
    else st.first.set(key, lineOfRow(chunk, i));
  }
}

/** Merges the state of the next part of the file into `a`. */
export function mergeStudyStates(a: StudyTaskState, b: StudyTaskState, args: StudyTaskArgs): StudyTaskState {
  const remaps = new Map<string, Int32Array>();
  for (const [id, set] of Object.entries(b.levels)) remaps.set(id, mergeLevels(a.levels[id], set));
  a.rows += b.rows;
  a.laneRows += b.laneRows;
  a.instruments.forEach((t, i) => {
    const u = b.instruments[i];
    u.scaleMissing.forEach((m, j) => (t.scaleMissing[j] += m));
    u.bandCounts.forEach((row, j) => row.forEach((c, k) => (t.bandCounts[j][k] += c)));
    u.bandMissing.forEach((m, j) => (t.bandMissing[j] += m));
  });
  if (a.ids && b.ids) mergeIds(a.ids, b.ids);
  args.accumulators.forEach((spec, k) => accMerge(a.accs[k], b.accs[k], spec, remaps));
  return a;
}

function mergeIds(a: IdCheckState, b: IdCheckState): void {
  a.missing += b.missing;
  if (a.dup) return;
  // the earliest row of b that repeats an id: its own first repeat, or a first row of an id a has seen
  let dup = b.dup;
  for (const [id, line] of b.first) {
    const prev = a.first.get(id);
    if (prev !== undefined && (!dup || line < dup.line)) dup = { line, first: prev, id };
  }
  a.dup = dup;
  if (!dup) for (const [id, line] of b.first) a.first.set(id, line);
}

export type { ResolvedVar };
