import { readFileSync } from 'node:fs';
import { StaffwellError } from '../errors.ts';
import { findColumn, lineOfRow, type Table } from '../data/table.ts';
import { readTable } from '../data/read-table.ts';
import { scoreInstrument, type InstrumentScores } from '../instruments/score-instrument.ts';
import type { MissingCodes } from '../data/missing.ts';
import { resolvePath, type AnalysisSpec, type Study } from './study-file.ts';
import type { StudyContext } from './study-variables.ts';
import type { AnalysisResult, InstrumentSummary, StudyResults } from './study-results.ts';
import { runBenchmark, runDescribe, runReliability } from './analyze-describe.ts';
import { runNormMeans, runPrevalence } from './analyze-norms.ts';
import { runCompareGroups, runCrosstab } from './analyze-groups.ts';
import { runCorrelation, runLogistic, runRegression } from './analyze-models.ts';
import { runStudyStreaming, type StreamingOptions } from './plan/run-streaming.ts';

export interface RunStudyOptions extends StreamingOptions {
  /** Use this table instead of reading `data.file` (tests, the web UI): the analyses run in memory. */
  table?: Table;
  /** Read the whole table into memory and run the analyses on it (the runner before src/study/plan/; tests). */
  inMemory?: boolean;
}

/** The default suppression threshold for grouped figures. */
export const DEFAULT_MIN_GROUP = 10;

/**
 * Runs a parsed study: reads the data (missing codes, sheet), checks the id column for duplicates, scores every
 * instrument, then runs every analysis in order. Pure apart from reading the data file; the result holds no
 * timestamps, so it is reproducible.
 */
export async function runStudy(study: Study, options: RunStudyOptions = {}): Promise<StudyResults> {
  if (options.table) return analyseStudy(study, options.table);
  if (!options.inMemory) {
    const streamed = await runStudyStreaming(study, options);
    if (streamed) return streamed;
  }
  return analyseStudy(study, await readStudyData(study));
}

/** {@link runStudy} on data already read (pure): id check, scoring, analyses. */
export function analyseStudy(study: Study, table: Table): StudyResults {
  const warnings: string[] = [];
  checkIds(study, table, warnings);
  checkGroupColumns(study, table);
  const scores = new Map<string, InstrumentScores>();
  const instruments: InstrumentSummary[] = [];
  study.instruments.forEach((u, i) => {
    const def = study.definitions[u.name];
    const sc = scoreInstrument(def, table, u.items, {
      scoring: u.scoring,
      codes: u.codes,
      cutoffs: u.cutoffs,
      mappingSource: `${study.source}: instruments[${i}].items`,
    });
    scores.set(u.name, sc);
    instruments.push(summariseInstrument(u.name, def, sc, u.scoring ?? null, u.codes ?? null));
    for (const s of sc.scales)
      if (s.missing === sc.n) warnings.push(`${u.name}.${s.id}: no respondent has a score (check the item mapping and the codes).`);
  });
  const ctx: StudyContext = { study, table, scores, minGroup: study.suppression?.minGroup ?? DEFAULT_MIN_GROUP };
  const analyses = study.analyses.map((a, i) => runAnalysis(ctx, a, i, warnings));
  return {
    study: study.name,
    description: study.description ?? null,
    staffwell_version: staffwellVersion(),
    data: {
      file: study.data.file,
      rows: table.nrows,
      columns: table.columns.length,
      id_column: study.data.id ?? null,
      missing_codes: study.data.missing ?? [],
    },
    suppression: { min_group: ctx.minGroup },
    instruments,
    analyses,
    warnings,
  };
}

function runAnalysis(ctx: StudyContext, a: AnalysisSpec, i: number, warnings: string[]): AnalysisResult {
  const id = a.id ?? `${a.type}-${i + 1}`;
  const at = `analyses[${i}]`;
  switch (a.type) {
    case 'describe':
      return runDescribe(ctx, a, id, at);
    case 'reliability':
      return runReliability(ctx, a, id, at, warnings);
    case 'prevalence':
      return runPrevalence(ctx, a, id, at);
    case 'norm-means':
      return runNormMeans(ctx, a, id, at);
    case 'benchmark':
      return runBenchmark(ctx, a, id, at);
    case 'compare-groups':
      return runCompareGroups(ctx, a, id, at);
    case 'correlation':
      return runCorrelation(ctx, a, id, at);
    case 'regression':
      return runRegression(ctx, a, id, at, warnings);
    case 'logistic':
      return runLogistic(ctx, a, id, at, warnings);
    case 'crosstab':
      return runCrosstab(ctx, a, id, at, warnings);
  }
}

/** Reads the study's data file (CSV/TSV, XLSX or SPSS .sav) with its missing codes, sheet and column types. */
export async function readStudyData(study: Study): Promise<Table> {
  const path = resolvePath(study.baseDir, study.data.file);
  const missing: MissingCodes = { all: study.data.missing, byColumn: study.data.missingByColumn };
  return readTable(path, { missing, sheet: study.data.sheet, qualtrics: study.data.qualtrics, types: study.data.types });
}

/** Duplicate ids are an error naming both lines; a respondent without an id is a warning. */
export function checkIds(study: Study, table: Table, warnings: string[]): void {
  const name = study.data.id;
  if (name === undefined) return;
  const c = findColumn(table, name);
  if (!c) {
    throw new StaffwellError('invalid-study', `the id column is not in the data file ${study.data.file}`, {
      file: study.source,
      field: 'data.id',
      value: name,
      hint: `the columns are ${table.columns.slice(0, 8).map((x) => x.name).join(', ')}${table.columns.length > 8 ? ', ...' : ''}`,
    });
  }
  const seen = new Map<string | number, number>();
  let missing = 0;
  for (let i = 0; i < table.nrows; i++) {
    let key: string | number | undefined;
    if (c.kind === 'text') key = c.codes[i] < 0 ? undefined : c.dictionary[c.codes[i]];
    else key = Number.isNaN(c.values[i]) ? undefined : c.values[i];
    if (key === undefined) {
      missing++;
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) throw duplicateIdError(table.source, name, key, lineOfRow(table, i), lineOfRow(table, first));
    seen.set(key, i);
  }
  if (missing) warnings.push(missingIdsWarning(missing, name));
}

/** The error for a repeated id (its second row's line) and the warning for rows without an id. */
export function duplicateIdError(file: string, column: string, id: string | number, line: number, firstLine: number): StaffwellError {
  return new StaffwellError('duplicate-id', `the id appears twice (first on line ${firstLine})`, {
    file,
    line,
    column,
    value: id,
    hint: 'remove the duplicate response, or give each respondent their own id',
  });
}

export function missingIdsWarning(missing: number, column: string): string {
  return `${missing} row(s) have no ${column}.`;
}

/** `data.groups` must name data columns. */
export function checkGroupColumns(study: Study, table: Table): void {
  (study.data.groups ?? []).forEach((g, j) => {
    if (!findColumn(table, g))
      throw new StaffwellError('invalid-study', `no column of this name in the data file ${study.data.file}`, {
        file: study.source,
        field: `data.groups[${j}]`,
        value: g,
        hint: 'name a column of the data file (names are case-sensitive)',
      });
  });
}

export function summariseInstrument(
  name: string,
  def: Study['definitions'][string],
  sc: InstrumentScores,
  scoring: string | null,
  codes: number[] | null,
): InstrumentSummary {
  const c = def.citation;
  return {
    name,
    instrument: def.id,
    instrument_name: def.name,
    version: def.version,
    citation: `${c.authors.join(', ')} (${c.year}). ${c.title}. ${c.source}.${c.doi ? ` doi:${c.doi}` : ''}`,
    scoring,
    codes,
    columns: { ...sc.columns },
    scales: sc.scales.map((s) => ({
      id: s.id,
      label: s.label,
      rule: s.rule.type === 'prorated-mean' || s.rule.type === 'prorated-sum' ? `${s.rule.type} (min ${typeof s.rule.minAnswered === 'number' ? s.rule.minAnswered : `${s.rule.minAnswered.fraction} of items`})` : s.rule.type,
      scoring: s.scoring,
      n_items: s.nItems,
      n_scored: sc.n - s.missing,
      n_missing: s.missing,
    })),
    classifications: sc.classifications.map((k) => ({
      id: k.id,
      label: k.label,
      of: k.of,
      cutoff: k.cutoff ?? null,
      bands: k.bands.map((b, j) => ({ label: b.label, count: k.counts[j] })),
      n_missing: k.missing,
    })),
    conversions: sc.conversions.map((v) => ({ id: v.id, label: v.label, of: v.of })),
  };
}

let version: string | undefined;

/** The version in package.json. */
export function staffwellVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
