/**
 * The study scan task (a scan task module, src/data/scan-parallel.ts: `createTask(args, header)` -> `{ add,
 * finish }`): per chunk it scores every instrument, computes the study variables the plan reads, checks the id
 * column, and feeds every accumulator of the plan. The same code runs on the calling thread and in each worker;
 * states merge in file order (`mergeStudyStates`).
 */
import { findColumn, lineOfRow, type Table } from '../../data/table.ts';
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
  return {
    add(chunk: Table): void {
      if (state.ids) idCheckAdd(state.ids, chunk, args.idColumn!);
      const v = computer.compute(chunk);
      state.rows += chunk.nrows;
      args.instruments.forEach((u, i) => {
        const sc = v.scores.get(u.name)!;
        const t = state.instruments[i];
        sc.scales.forEach((s, j) => (t.scaleMissing[j] += s.missing));
        sc.classifications.forEach((k, j) => {
          k.counts.forEach((c, b) => (t.bandCounts[j][b] += c));
          t.bandMissing[j] += k.missing;
        });
      });
      args.accumulators.forEach((a, k) => accAdd(state.accs[k], a, v, env));
    },
    finish(): StudyTaskState {
      args.accumulators.forEach((a, k) => accFinish(state.accs[k], a));
      return state;
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
