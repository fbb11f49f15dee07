/**
 * `staffwell run` as one streaming scan: the study is compiled into the accumulators of one pass over the data
 * file (CSV streamed in chunks and split over worker threads; XLSX and SAV read whole and passed as one chunk),
 * then each analysis' result is made from the merged states in order. Memory is bounded by the accumulators, not
 * the rows, except where an analysis needs more than sums (kept rows of a logistic model, every score of a
 * Spearman correlation): `StudyResults.engine` says what each analysis cost.
 *
 * Results equal the in-memory runner's (src/study/run-study.ts `analyseStudy`), which stays the reference:
 * test/study/streaming-parity.test.ts compares every number of both on the example studies and on generated ones.
 */
import { StaffwellError } from '../../errors.ts';
import { makeTable, type Table } from '../../data/table.ts';
import { openCsvLayout } from '../../data/csv-layout.ts';
import { moduleBeside, scanCsvParallel } from '../../data/scan-parallel.ts';
import { inferCsvTypes } from '../../data/csv.ts';
import { tableFormat } from '../../data/read-table.ts';
import { checkIdsBytes, type IdCheckResult } from '../../data/id-check.ts';
import type { MissingCodes } from '../../data/missing.ts';
import { scoreInstrument, type InstrumentScores } from '../../instruments/score-instrument.ts';
import { describeValue } from '../../psych/describe.ts';
import { reliabilityValue } from '../../psych/reliability-value.ts';
import type { ReliabilityState } from '../../psych/reliability-accumulator.ts';
import { pos, resolvePath, type Study } from '../study-file.ts';
import type { AnalysisResult, EngineInfo, StudyResults } from '../study-results.ts';
import type { StudyEngineHooks } from '../study-variables.ts';
import { releaseJson } from '../release-rule.ts';
import { DISTRIBUTION_LIMIT } from '../analyze-describe.ts';
import { valueCountsTable, type ValueCountsState } from '../../stats/value-counts.ts';
import { checkGroupColumns, checkIds, checkNames, DEFAULT_MIN_GROUP, duplicateIdError, missingIdsWarning, readStudyData, scoringWarnings, summariseInstrument } from '../run-study.ts';
import { staffwellVersion } from '../../version.ts';
import { ANALYSIS_PLANS, type PlanRecord } from './analysis-plans.ts';
import { PlanBuilder, type ValueContext } from './plan-context.ts';
import type { DescribeAccState } from './accumulators.ts';
import type { StudyTaskArgs } from './plan-types.ts';
import { createTask, mergeStudyStates, type StudyTaskState } from './study-task.ts';

export interface StreamingOptions {
  /** Threads for large CSV files (default: all cores). */
  workers?: number;
  /** CSV files with fewer data bytes are scanned on the calling thread (default 64 MB). */
  parallelMinBytes?: number;
  /** Rows per chunk (default 65,536; tests use small chunks to exercise the merges). */
  chunkRows?: number;
  /** 'js': no coded lane (as STAFFWELL_ENGINE=js). */
  engine?: 'js' | 'wasm';
}

/** What the planner made of a study: the task's arguments and each analysis' record. */
export interface StudyPlan {
  args: StudyTaskArgs;
  records: PlanRecord[];
  columns: string[];
  shapes: Map<string, InstrumentScores>;
}

/**
 * Runs the study in one streaming pass; undefined when an analysis has no plan (an analysis type added to the
 * study language but not to src/study/plan/analysis-plans.ts): the caller then runs it in memory.
 */
export async function runStudyStreaming(study: Study, options: StreamingOptions = {}): Promise<StudyResults | undefined> {
  if (!streamable(study)) return undefined;
  const t0 = performance.now();
  const path = resolvePath(study.baseDir, study.data.file);
  const missing: MissingCodes = { all: study.data.missing, byColumn: study.data.missingByColumn };
  const csv = tableFormat(path) === 'csv';
  const read = { missing, qualtrics: study.data.qualtrics, types: study.data.types };
  let table: Table | undefined;
  let names: string[];
  if (csv) names = openCsvLayout(path, read).names;
  else {
    table = await readStudyData(study);
    names = table.columns.map((c) => c.name);
  }
  // Duplicate ids first (as the in-memory runner checks them first), from the bytes in bounded memory.
  let ids: IdCheckResult | undefined;
  if (csv && study.data.id !== undefined && names.includes(study.data.id)) {
    ids = checkIdsBytes(openCsvLayout(path, read), study.data.id, missing);
    if (ids.kind === 'duplicate') throw duplicateIdError(path, study.data.id, ids.id, ids.line, ids.firstLine);
    if (ids.kind === 'unsupported') ids = undefined;
  }
  const plan = planStudy(study, path, names, ids === undefined);
  const t1 = performance.now();
  let state!: StudyTaskState;
  const merge = (a: StudyTaskState, b: StudyTaskState) => mergeStudyStates(a, b, plan.args);
  if (csv) {
    // Every column's type declared, so the scan needs no type inference and can use the coded lane: the items as
    // numbers (text in one is an error naming its line), the others as the first chunk shows them. A column
    // declared a number that holds text further down is read again as text, as the in-memory reader does.
    const items = new Set(study.scoring.flatMap((u) => Object.values(plan.shapes.get(u.name)!.columns)));
    const types: Record<string, 'number' | 'text'> = { ...study.data.types };
    for (const c of items) types[c] ??= 'number';
    const open = plan.columns.filter((c) => types[c] === undefined);
    const inferred = open.length ? inferCsvTypes(openCsvLayout(path, { ...read, columns: open }), { ...read, columns: open }) : [];
    open.forEach((c, k) => (types[c] = inferred[k]));
    for (;;) {
      try {
        state = await scanCsvParallel<StudyTaskState>(
          path,
          { ...read, types, columns: plan.columns, chunkRows: options.chunkRows, engine: options.engine },
          { module: moduleBeside(import.meta.url, './study-task'), args: plan.args, createTask },
          merge,
          { workers: options.workers, minBytes: options.parallelMinBytes },
        );
        break;
      } catch (e) {
        const column = e instanceof StaffwellError && e.code === 'not-numeric' ? e.location.column : undefined;
        if (column === undefined || !open.includes(column) || types[column] !== 'number') throw e;
        types[column] = 'text';
      }
    }
  } else {
    const task = createTask(plan.args, { source: path, table });
    task.add(table!);
    state = task.finish();
  }
  const t2 = performance.now();
  if (ids && ids.kind === 'ok') state.ids = { first: new Map(), dup: null, missing: ids.missing };
  const results = studyResults(study, path, names.length, plan, state);
  const t3 = performance.now();
  results.engine!.seconds = { plan: (t1 - t0) / 1000, scan: (t2 - t1) / 1000, values: (t3 - t2) / 1000 };
  return results;
}

/**
 * Whether the planner knows every part of the study. Not yet: derived variables, study level orders, answer labels
 * and inline scales of the study language (they run in memory), and analysis types without a plan.
 */
export function streamable(study: Study): boolean {
  if (study.analyses.some((a) => !(a.type in ANALYSIS_PLANS))) return false;
  if (study.suppression?.small === 'merge') return false; // merged groups are known only from the rows
  if (study.derived.length || Object.keys(study.levels ?? {}).length || Object.keys(study.scales ?? {}).length) return false;
  return study.scoring.every((s) => !s.labels && !s.inline);
}

/**
 * Compiles the study against the data file's column names: the same checks, in the same order, as the in-memory
 * runner makes before it reads values (id column, group columns, every instrument's item columns, then each
 * analysis' variables), and the accumulators every analysis needs.
 */
export function planStudy(study: Study, source: string, names: readonly string[], checkIdsInScan = true): StudyPlan {
  const header = makeTable({ source, nrows: 0, columns: names.map((name) => ({ kind: 'number', name, values: new Float64Array(0) })) });
  checkIds(study, header, []);
  checkGroupColumns(study, header);
  checkNames(study, header);
  const shapes = new Map<string, InstrumentScores>();
  const instruments = study.scoring.map((u) => {
    const opts = { scoring: u.scoring, codes: u.codes ? [...u.codes] : undefined, cutoffs: u.cutoffs ? { ...u.cutoffs } : undefined, mappingSource: `${study.source}: ${u.field}.items` };
    shapes.set(u.name, scoreInstrument(u.definition, header, u.items, opts));
    return { name: u.name, def: u.definition, items: u.items, ...opts };
  });
  const b = new PlanBuilder(study, names);
  const records = study.analyses.map((a, i) => (ANALYSIS_PLANS[a.type].plan as (a: unknown, b: PlanBuilder, at: string) => PlanRecord)(a, b, `analyses${pos(i)}`));
  const columns = new Set<string>();
  for (const sc of shapes.values()) for (const c of Object.values(sc.columns)) columns.add(c);
  const idColumn = checkIdsInScan ? study.data.id : undefined;
  if (idColumn !== undefined) columns.add(idColumn);
  for (const v of b.vars.values()) if ('column' in v.source) columns.add(v.source.column);
  const args: StudyTaskArgs = { source: study.source, instruments, idColumn, variables: [...b.vars.values()], accumulators: b.accs };
  // Columns in file order (the reader returns them in the order asked).
  return { args, records, columns: names.filter((n) => columns.has(n)), shapes };
}

/** The results from the merged state: the in-memory runner's checks, warnings and analyses, in its order. */
function studyResults(study: Study, source: string, ncolumns: number, plan: StudyPlan, state: StudyTaskState): StudyResults {
  const warnings: string[] = [];
  const name = study.data.id;
  if (state.ids && name !== undefined) {
    const d = state.ids.dup;
    if (d) throw duplicateIdError(source, name, d.id, d.line, d.first);
    if (state.ids.missing) warnings.push(missingIdsWarning(state.ids.missing, name));
  }
  const instruments = study.scoring.map((u, i) => {
    const shape = plan.shapes.get(u.name)!;
    const t = state.instruments[i];
    const sc: InstrumentScores = {
      ...shape,
      n: state.rows,
      scales: shape.scales.map((s, j) => ({ ...s, missing: t.scaleMissing[j] })),
      classifications: shape.classifications.map((k, j) => ({ ...k, counts: t.bandCounts[j], missing: t.bandMissing[j] })),
    };
    warnings.push(...scoringWarnings(u, sc));
    return summariseInstrument(u, sc);
  });
  const minGroup = study.suppression?.minGroup ?? DEFAULT_MIN_GROUP;
  const vars = new Map(plan.args.variables.map((v) => [v.id, v]));
  const accIndex = new Map(plan.args.accumulators.map((a, k) => [JSON.stringify(a), k]));
  const find = (spec: object): unknown => {
    const k = accIndex.get(JSON.stringify(spec));
    if (k === undefined) throw new Error(`study plan: no accumulator ${JSON.stringify(spec)}`);
    return state.accs[k];
  };
  const idsOf = (refs: readonly string[], use: string) => refs.map((r) => `${use}:${r}`);
  const hooks: StudyEngineHooks = {
    describe: (scores, by) =>
      describeValue(
        (find({ kind: 'describe', scores: idsOf(scores, 'numeric'), names: [...scores], by: idsOf(by, 'group'), byNames: [...by], minGroup }) as DescribeAccState).d,
      ),
    reliability: (keys, options) => reliabilityValue(find({ kind: 'reliability', keys, missing: options.missing ?? 'pairwise' }) as ReliabilityState, keys.source),
    valueCounts: (score) => {
      const st = find({ kind: 'value-counts', y: `numeric:${score}`, limit: DISTRIBUTION_LIMIT }) as ValueCountsState;
      return st.overflow ? null : valueCountsTable(st);
    },
  };
  const v: ValueContext = {
    study,
    source,
    minGroup,
    state,
    vars,
    shapes: plan.shapes,
    hooks,
    acc: <T>(k: number) => state.accs[k] as T,
    columnType: (c) => state.types[c],
  };
  const costs: EngineInfo['analyses'] = [];
  const analyses: AnalysisResult[] = study.analyses.map((a, i) => {
    const id = a.id ?? `${a.type}-${i + 1}`;
    const p = ANALYSIS_PLANS[a.type] as unknown as {
      value: (a: unknown, rec: PlanRecord, v: ValueContext, id: string, at: string, w: string[]) => AnalysisResult;
      cost: (a: unknown, rec: PlanRecord) => string;
    };
    const t = performance.now();
    const result = p.value(a, plan.records[i], v, id, `analyses${pos(i)}`, warnings);
    costs.push({ id, type: a.type, cost: p.cost(a, plan.records[i]), seconds: (performance.now() - t) / 1000 });
    return result;
  });
  const results: StudyResults = {
    study: study.name,
    description: study.description ?? null,
    staffwell_version: staffwellVersion(),
    data: {
      file: study.data.file,
      rows: state.rows,
      columns: ncolumns,
      id_column: study.data.id ?? null,
      missing_codes: study.data.missing ?? [],
    },
    suppression: releaseJson(study),
    instruments,
    analyses,
    warnings,
  };
  results.engine = { mode: 'streaming', columns_read: plan.columns.length, accumulators: plan.args.accumulators.map((a) => a.kind), analyses: costs, lane_rows: state.laneRows };
  return results;
}

export { StaffwellError };
