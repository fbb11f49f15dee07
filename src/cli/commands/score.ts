import type { Command } from 'commander';
import { openCsvWriter, formatCsv, type CsvTableWriter } from '../../data/csv-write.ts';
import { readTable, scanTable, tableFormat } from '../../data/read-table.ts';
import { makeTable, requireColumn, type Column, type Table } from '../../data/table.ts';
import { checkRange } from '../../data/validate.ts';
import { scoreChunk, scoreConstantsValue, parseMinAnswered, type ScoreConstants, type ScoreOptions } from '../../psych/score.ts';
import { scanSurvey, surveyColumns } from '../../survey/scan-survey.ts';
import { compileLabels, labelColumns, labelTallyInit } from '../../data/answer-labels.ts';
import { addScaleOptions, loadAnswerLabels, loadKeys, oneOf, parseBounds, parseNumberFlag, progressFor, readOptionsFrom, type DataFlags } from '../survey-options.ts';

interface Flags extends DataFlags {
  scales: string;
  id?: string;
  min?: string;
  max?: string;
  impute?: string;
  totals?: boolean;
  minAnswered?: string;
  out?: string;
  workers?: string;
}

export function register(program: Command): void {
  addScaleOptions(
    program
      .command('score')
      .summary('scale scores per respondent, as psych::scoreItems')
      .description(
        'One row per respondent: the id column (if given), then one column per scale in keys order; an empty cell where ' +
          'a score is missing. Scores are as R psych::scoreItems: the mean (or with --totals the sum) of the keyed items, ' +
          'reversed items as max + min - x, missing answers imputed by the item median (psych default), the mean, or not ' +
          'at all (--impute none: the mean of the answered items).',
      )
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--id <column>', 'respondent id column, written first and checked for duplicates')
      .option('--impute <how>', 'none, median (psych default) or mean', 'median')
      .option('--totals', 'sums instead of means (psych totals = TRUE)')
      .option('--min-answered <n>', 'leave a score empty when fewer items were answered: a count (3) or a fraction (0.5, 50%)')
      .option('--out <file.csv>', 'write here (atomically) instead of to standard output')
  ).action(async (data: string, flags: Flags) => {
    const keys = loadKeys(flags.scales);
    const labels = loadAnswerLabels(flags.labels);
    const lookup = labels ? compileLabels(labels.map, labels.source) : undefined;
    const read = readOptionsFrom(flags);
    const bounds = parseBounds(flags);
    const impute = oneOf(flags.impute, ['none', 'median', 'mean'] as const, '--impute', 'median');
    const options: ScoreOptions = {
      impute,
      totals: Boolean(flags.totals),
      minAnswered: flags.minAnswered === undefined ? undefined : parseMinAnswered(flags.minAnswered, '--min-answered'),
      ...bounds,
    };
    const { columns, types } = await surveyColumns(data, keys, { id: flags.id, labels: !!labels }, read);
    const readCols = { ...read, columns, types };
    const progress = progressFor('score');
    // CSV is streamed twice when a first pass is needed; a workbook or SPSS file is read once and kept.
    const whole = tableFormat(data) === 'csv' ? undefined : await readTable(data, readCols);

    // First pass, when needed: observed min/max and item medians or means (psych's defaults), duplicate ids, and
    // every answer label checked (so the output is never cut short by an unmatched label).
    let constants: ScoreConstants = { min: bounds.min ?? NaN, max: bounds.max ?? NaN, impute: {} };
    if (impute !== 'none' || bounds.min === undefined || flags.id || labels) {
      const state = await scanSurvey(
        data,
        { keys, labels, constants: options, idColumn: flags.id },
        { read: readCols, table: whole, workers: parseNumberFlag(flags.workers, '--workers'), onProgress: progress.onProgress },
      );
      constants = scoreConstantsValue(state.constants!, keys.source);
    }

    const header = [...(flags.id ? [flags.id] : []), ...keys.scales.map((s) => s.name)];
    const items = [...new Set(keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
    const writer: CsvTableWriter | undefined = flags.out ? openCsvWriter(flags.out, header) : undefined;
    let first = true;
    const buffers = { scores: [], answered: [] }; // written out before the next chunk
    try {
      const each = (input: Table) => {
        const chunk = lookup ? labelColumns(input, items, lookup, labelTallyInit()) : input;
        if (bounds.min !== undefined) checkRange(chunk, items, bounds.min, bounds.max!);
        const { scores } = scoreChunk(chunk, keys, constants, options, buffers);
        const cols: Column[] = keys.scales.map((s, k) => ({ kind: 'number', name: s.name, values: scores[k] }));
        if (flags.id) cols.unshift({ ...requireColumn(chunk, flags.id), name: flags.id });
        const out = makeTable({ source: data, columns: cols, nrows: chunk.nrows });
        if (writer) writer.writeTable(out);
        else {
          const text = formatCsv(out);
          process.stdout.write(first ? text : text.slice(text.indexOf('\n') + 1));
        }
        first = false;
      };
      if (whole) each(whole);
      else await scanTable(data, readCols, each);
      writer?.commit();
    } catch (e) {
      writer?.abort();
      throw e;
    } finally {
      progress.done();
    }
    if (flags.out) process.stderr.write(`staffwell: wrote ${flags.out}\n`);
  });
}
