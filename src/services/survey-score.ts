import { openCsvWriter, type CsvTableWriter } from '../data/csv-write.ts';
import { readTable, scanTable, tableFormat } from '../data/read-table.ts';
import { concatTables, makeTable, requireColumn, type Column, type Table } from '../data/table.ts';
import { checkRange } from '../data/validate.ts';
import { compileLabels, labelColumns, labelTallyInit } from '../data/answer-labels.ts';
import type { Impute } from '../psych/reliability-accumulator.ts';
import { scoreChunk, scoreConstantsValue, type MinAnswered, type ScoreBuffers, type ScoreConstants } from '../psych/score.ts';
import { scanSurvey, surveyColumns } from '../survey/scan-survey.ts';
import { surveyBounds, type SurveyInput } from './survey-input.ts';

export interface SurveyScoreOptions extends SurveyInput {
  /** Respondent id column: the first column of the scores, checked for duplicates. */
  id?: string;
  /** Missing answers: imputed by the item median (psych's default) or mean, or none (the mean of the answered items). */
  impute?: Impute;
  /** Sums instead of means (psych `totals = TRUE`). */
  totals?: boolean;
  /** Leave a score missing when fewer items were answered. */
  minAnswered?: MinAnswered;
  /** Write the scores to this CSV file (atomically: a failed run leaves no file). */
  out?: string;
  /**
   * Or take them chunk by chunk, in file order (memory stays bounded for a large file). A chunk's arrays are
   * valid only until the callback returns.
   */
  onChunk?: (scores: Table) => void;
}

export interface SurveyScoreResult {
  /** The id column (if any), then one column per scale in keys order. */
  columns: string[];
  /** Respondents scored. */
  rows: number;
  /** Response range and imputation values used (psych's observed defaults unless given). */
  constants: ScoreConstants;
  /** The file written (with `out`). */
  out?: string;
  /** Every score, when neither `out` nor `onChunk` was given. */
  table?: Table;
}

/**
 * Scale scores per respondent, as psych::scoreItems. A CSV file is streamed (twice when a first pass is needed for
 * the observed range, the imputation values, duplicate ids or the answer labels); a workbook or SPSS file is read
 * once and kept.
 */
export async function surveyScore(data: string, options: SurveyScoreOptions): Promise<SurveyScoreResult> {
  const { keys, labels, read = {}, id, impute = 'median' } = options;
  const bounds = surveyBounds(options);
  const scoring = { impute, totals: Boolean(options.totals), minAnswered: options.minAnswered, ...bounds };
  const lookup = labels ? compileLabels(labels.map, labels.source) : undefined;
  const { columns, types } = await surveyColumns(data, keys, { id, labels: !!labels }, read);
  const readCols = { ...read, columns, types };
  const whole = tableFormat(data) === 'csv' ? undefined : await readTable(data, readCols);

  // First pass, when needed: observed min/max and item medians or means (psych's defaults), duplicate ids, and
  // every answer label checked (so the output is never cut short by an unmatched label).
  let constants: ScoreConstants = { min: bounds.min ?? NaN, max: bounds.max ?? NaN, impute: {} };
  if (impute !== 'none' || bounds.min === undefined || id || labels) {
    const state = await scanSurvey(
      data,
      { keys, labels, constants: scoring, idColumn: id },
      { read: readCols, table: whole, workers: options.workers, onProgress: options.onProgress },
    );
    constants = scoreConstantsValue(state.constants!, keys.source);
  }

  const header = [...(id ? [id] : []), ...keys.scales.map((s) => s.name)];
  const items = [...new Set(keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
  const writer: CsvTableWriter | undefined = options.out ? openCsvWriter(options.out, header) : undefined;
  const kept: Table[] | undefined = options.out || options.onChunk ? undefined : [];
  // A streaming caller gets views into buffers reused chunk after chunk; kept chunks get arrays of their own.
  const buffers: ScoreBuffers | undefined = kept ? undefined : { scores: [], answered: [] };
  let rows = 0;
  try {
    const each = (input: Table) => {
      const chunk = lookup ? labelColumns(input, items, lookup, labelTallyInit()) : input;
      if (bounds.min !== undefined) checkRange(chunk, items, bounds.min, bounds.max!);
      const { scores } = scoreChunk(chunk, keys, constants, scoring, buffers);
      const cols: Column[] = keys.scales.map((s, k) => ({ kind: 'number', name: s.name, values: scores[k] }));
      if (id) cols.unshift({ ...requireColumn(chunk, id), name: id });
      const out = makeTable({ source: data, columns: cols, nrows: chunk.nrows });
      rows += chunk.nrows;
      if (writer) writer.writeTable(out);
      else if (options.onChunk) options.onChunk(out);
      else kept!.push(out);
    };
    if (whole) each(whole);
    else await scanTable(data, readCols, each);
    writer?.commit();
  } catch (e) {
    writer?.abort();
    throw e;
  }
  return {
    columns: header,
    rows,
    constants,
    ...(options.out ? { out: options.out } : {}),
    ...(kept ? { table: concatTables(kept) } : {}),
  };
}
