import { StaffwellError } from '../errors.ts';
import { staffwellVersion } from '../version.ts';
import { closestNames, findColumn, lineOfRow, type Table } from '../data/table.ts';
import { labelColumns, labelTallyInit, unmatchedLabelsError } from '../data/answer-labels.ts';
import { readTable } from '../data/read-table.ts';
import { scoreInstrument, type InstrumentScores } from '../instruments/score-instrument.ts';
import type { MissingCodes } from '../data/missing.ts';
import type { ScoringRule } from '../instruments/definition.ts';
import { pos, resolvePath, type AnalysisSpec, type ScoringSpec, type Study } from './study-file.ts';
import type { StudyContext } from './study-variables.ts';
import type { AnalysisResult, InstrumentSummary, StudyResults } from './study-results.ts';
import { runBenchmark, runDescribe, runReliability } from './analyze-describe.ts';
import { runNormMeans, runPrevalence } from './analyze-norms.ts';
import { runCompareGroups, runCrosstab } from './analyze-groups.ts';
import { runCorrelation, runLogistic, runRegression } from './analyze-models.ts';
import { runGoodnessOfFit, runOneSample, runPaired, runProportion } from './analyze-tests.ts';
import { DEFAULT_MIN_GROUP, releaseJson } from './release-rule.ts';
import { runStudyStreaming, type StreamingOptions } from './plan/run-streaming.ts';

export interface RunStudyOptions extends StreamingOptions {
  /** Use this table instead of reading `data.file` (tests, the web UI): the analyses run in memory. */
  table?: Table;
  /** Read the whole table into memory and run the analyses on it (the runner before src/study/plan/; tests). */
  inMemory?: boolean;
}

export { DEFAULT_MIN_GROUP } from './release-rule.ts';

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

/** {@link runStudy} on data already read (pure): id check, answer labels, scoring, analyses. */
export function analyseStudy(study: Study, input: Table): StudyResults {
  const { ctx, instruments, warnings } = studyContext(study, input);
  const table = ctx.table;
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
    suppression: releaseJson(study),
    instruments,
    analyses,
    warnings,
  };
}

/**
 * The scored study before any analysis (pure): ids checked, group and item columns checked, answer labels
 * applied, every instrument and inline scale scored; the context analyses (and the scored data set) read.
 */
export function studyContext(study: Study, input: Table): { ctx: StudyContext; instruments: InstrumentSummary[]; warnings: string[] } {
  const warnings: string[] = [];
  const { table, scores, instruments } = scoreStudy(study, input, warnings);
  const ctx: StudyContext = { study, table, scores, minGroup: study.suppression?.minGroup ?? DEFAULT_MIN_GROUP, derived: new Map(), warnings };
  return { ctx, instruments, warnings };
}

/**
 * The first half of {@link analyseStudy}: id and name checks, answer labels, and every instrument scored, one
 * value per respondent (what a participant profile or a mixed-methods link needs). Warnings are appended.
 */
export function scoreStudy(
  study: Study,
  input: Table,
  warnings: string[] = [],
): { table: Table; scores: Map<string, InstrumentScores>; instruments: InstrumentSummary[] } {
  checkIds(study, input, warnings);
  checkGroupColumns(study, input);
  checkNames(study, input);
  const table = applyAnswerLabels(study, input);
  const scores = new Map<string, InstrumentScores>();
  const instruments: InstrumentSummary[] = [];
  for (const spec of study.scoring) {
    const sc = scoreInstrument(spec.definition, table, spec.items, {
      scoring: spec.scoring,
      codes: spec.codes,
      cutoffs: spec.cutoffs,
      mappingSource: `${study.source}: ${spec.field}.items`,
    });
    scores.set(spec.name, sc);
    instruments.push(summariseInstrument(spec, sc));
    warnings.push(...scoringWarnings(spec, sc));
  }
  return { table, scores, instruments };
}

/** The warnings about an instrument's scores: a subscale nobody has a score on, rules the study replaced. */
export function scoringWarnings(spec: ScoringSpec, sc: Pick<InstrumentScores, 'n' | 'scales'>): string[] {
  const warnings: string[] = [];
  for (const s of sc.scales)
    if (s.missing === sc.n) warnings.push(`${spec.inline ? spec.name : `${spec.name}.${s.id}`}: no respondent has a score (check the item mapping and the codes).`);
  const overridden = sc.scales.filter((s) => spec.publishedRules[s.id]);
  if (overridden.length)
    warnings.push(
      `${overridden.length === sc.scales.length ? `every subscale of ${spec.name}` : overridden.map((s) => `${spec.name}.${s.id}`).join(', ')} is scored by the study's rule (${[...new Set(overridden.map((s) => ruleText(s.rule)))].join('; ')}), not the published rule of ${spec.definition.id} (${[...new Set(overridden.map((s) => ruleText(spec.publishedRules[s.id])))].join('; ')}).`,
    );
  return warnings;
}

/** Text answers of labelled item columns turned into codes; every unmatched label is an error listing them all. */
function applyAnswerLabels(study: Study, table: Table): Table {
  let t = table;
  for (const spec of study.scoring) {
    if (!spec.labels) continue;
    const columns = Object.values(typeof spec.items === 'string' ? resolveColumns(spec) : spec.items);
    const tally = labelTallyInit();
    t = labelColumns(t, columns.filter((c) => findColumn(t, c)), spec.labels, tally);
    const e = unmatchedLabelsError(tally, spec.labels, table.source);
    if (e) throw e;
  }
  return t;
}

function resolveColumns(spec: ScoringSpec): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = spec.items as string;
  spec.definition.items.forEach((it, i) => (out[it.id] = pattern.replaceAll('{n}', String(i + 1)).replaceAll('{id}', it.id)));
  return out;
}

function ruleText(r: ScoringRule): string {
  if (r.type === 'sum' || r.type === 'mean') return `${r.type} of all items`;
  const m = r.minAnswered;
  return `${r.type}, at least ${typeof m === 'number' ? m : `${m.fraction} of the`} items answered`;
}

function runAnalysis(ctx: StudyContext, a: AnalysisSpec, i: number, warnings: string[]): AnalysisResult {
  const id = a.id ?? `${a.type}-${i + 1}`;
  const at = `analyses${pos(i)}`;
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
    case 'proportion':
      return runProportion(ctx, a, id, at);
    case 'one-sample':
      return runOneSample(ctx, a, id, at);
    case 'paired':
      return runPaired(ctx, a, id, at);
    case 'goodness-of-fit':
      return runGoodnessOfFit(ctx, a, id, at, warnings);
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

/** `data.groups` must name data columns (or derived variables); a typo gets the nearest names. */
export function checkGroupColumns(study: Study, table: Table): void {
  (study.data.groups ?? []).forEach((g, j) => {
    if (findColumn(table, g) || study.derived.some((v) => v.name === g)) return;
    const near = closestNames(g, table.columns.map((c) => c.name));
    throw new StaffwellError('invalid-study', `no column of this name in the data file ${study.data.file}`, {
      file: study.source,
      field: `data.groups${pos(j)}`,
      value: g,
      hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Names are case-sensitive` : 'name a column of the data file (names are case-sensitive)',
    });
  });
}

/** Derived variables and inline scales may not take the name of a data column (it would be hidden). */
export function checkNames(study: Study, table: Table): void {
  for (const [name, field] of [...study.derived.map((v) => [v.name, v.field]), ...Object.keys(study.scales ?? {}).map((n) => [n, `scales.${n}`])])
    if (findColumn(table, name))
      throw new StaffwellError('invalid-study', `the data file ${study.data.file} has a column of this name`, {
        file: study.source,
        field,
        value: name,
        hint: 'give the variable a name the data do not use',
      });
}

export function summariseInstrument(spec: ScoringSpec, sc: InstrumentScores): InstrumentSummary {
  const def = spec.definition;
  const c = def.citation;
  return {
    name: spec.name,
    instrument: spec.inline ? '(inline scale)' : def.id,
    instrument_name: def.name,
    version: def.version,
    citation: spec.inline ? `defined in the study file (${spec.field})` : `${c.authors.join(', ')} (${c.year}). ${c.title}. ${c.source}.${c.doi ? ` doi:${c.doi}` : ''}`,
    scoring: spec.scoring ?? null,
    codes: spec.codes ? [...spec.codes] : null,
    columns: { ...sc.columns },
    scales: sc.scales.map((s) => ({
      id: s.id,
      label: s.label,
      rule: s.rule.type === 'prorated-mean' || s.rule.type === 'prorated-sum' ? `${s.rule.type} (min ${typeof s.rule.minAnswered === 'number' ? s.rule.minAnswered : `${s.rule.minAnswered.fraction} of items`})` : s.rule.type,
      ...(spec.publishedRules[s.id] ? { published_rule: ruleText(spec.publishedRules[s.id]) } : {}),
      scoring: s.scoring,
      n_items: s.nItems,
      n_scored: sc.n - s.missing,
      n_missing: s.missing,
    })),
    classifications: sc.classifications.map((k) => ({
      id: k.id,
      label: k.label,
      of: k.of,
      scoring: k.scoring,
      cutoff: k.cutoff ?? null,
      bands: k.bands.map((b, j) => ({ label: b.label, count: k.counts[j] })),
      n_missing: k.missing,
    })),
    conversions: sc.conversions.map((v) => ({ id: v.id, label: v.label, of: v.of })),
  };
}

export { staffwellVersion };
