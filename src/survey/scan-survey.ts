import { closeSync, openSync, readSync } from 'node:fs';
import { openCsvLayout } from '../data/csv-layout.ts';
import { readTable, tableFormat, type ReadTableOptions } from '../data/read-table.ts';
import { moduleBeside, scanCsvParallel } from '../data/scan-parallel.ts';
import { StaffwellError } from '../errors.ts';
import { makeTable, requireColumn, type Table } from '../data/table.ts';
import { resolveKeys, type Keys } from '../psych/keys.ts';
import { createTask, mergeSurveyStates, type SurveyTaskArgs, type SurveyTaskState } from './survey-task.ts';
import { compileLabels, unmatchedLabelsError } from '../data/answer-labels.ts';

export interface ScanSurveyOptions {
  read?: ReadTableOptions;
  /** Worker threads for large CSV files (default: all cores). */
  workers?: number;
  /** CSV files with fewer data bytes than this are scanned on the calling thread (default 64 MB). */
  parallelMinBytes?: number;
  /** The file's table when already read whole (XLSX, SAV), so it is not read again. */
  table?: Table;
  /** Progress in bytes (CSV) — `total` is the file size. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The columns a survey command reads: the keyed items (declared numeric, so text in an item column is an error
 * naming its line), then the id and grouping columns. Checks every name against the file's header first, so an
 * unknown name is reported against the keys file or flag it came from before any data is read.
 */
export async function surveyColumns(
  path: string,
  keys: Keys,
  extra: { id?: string; by?: readonly string[]; labels?: boolean },
  read: ReadTableOptions = {},
) {
  const items = [...new Set(keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
  const others = [...new Set([extra.id, ...(extra.by ?? [])].filter((c): c is string => !!c && !items.includes(c)))];
  const header = await headerTable(path, read);
  // with answer labels an item may hold text (its labels are checked during the scan)
  if (extra.labels) for (const s of keys.scales) for (const it of s.items) requireColumn(header, it.name, `keys file ${keys.source}, scale "${s.name}"`);
  else resolveKeys(keys, header);
  if (extra.id) requireColumn(header, extra.id, 'the --id option');
  for (const b of extra.by ?? []) requireColumn(header, b, 'the grouping columns');
  // Items are numbers (text in one is an error naming its line) unless answer labels are given (then text, turned
  // into codes chunk by chunk); ids and group labels are read as text, so a late non-numeric id or site code never
  // forces a second read of a streamed file.
  const types: Record<string, 'number' | 'text'> = { ...read.types };
  for (const c of others) types[c] ??= 'text';
  for (const it of items) types[it] = extra.labels ? 'text' : 'number';
  return { columns: [...items, ...others], types };
}

/**
 * An empty table with the file's column names (numeric), for checking names before reading data. A file with a
 * header and no data rows is an error here: every statistic of no respondents would be undefined.
 */
async function headerTable(path: string, read: ReadTableOptions): Promise<Table> {
  if (tableFormat(path) === 'csv') {
    const { columns: _c, types: _t, ...rest } = read;
    const layout = openCsvLayout(path, rest);
    if (blankFrom(path, layout.dataStart)) throw noDataRows(path, layout.firstDataLine);
    return makeTable({ source: path, nrows: 0, columns: layout.names.map((name) => ({ kind: 'number', name, values: new Float64Array(0) })) });
  }
  const table = await readTable(path, read);
  if (table.nrows === 0) throw noDataRows(path, undefined);
  return table;
}

function noDataRows(path: string, line: number | undefined): StaffwellError {
  return new StaffwellError('format', 'the file has a header row but no data rows', {
    file: path,
    line,
    hint: 'export the data again with the respondents\' answers, one row per respondent below the header',
  });
}

/** True when nothing but spaces, tabs and line breaks follows `offset` (read in 64 KB steps up to the first data). */
function blankFrom(path: string, offset: number): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    for (let pos = offset; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return true;
      for (let i = 0; i < n; i++) {
        const c = buf[i];
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
      }
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs the survey accumulators (reliability, group summaries, score constants, id check) over a data file in one
 * pass: CSV streamed in chunks and split over worker threads when large; XLSX and SAV read whole. With answer
 * labels, an answer that matches no label is an error listing every such label with its count and lines.
 */
export async function scanSurvey(path: string, args: SurveyTaskArgs, options: ScanSurveyOptions = {}): Promise<SurveyTaskState> {
  const state = await scan(path, args, options);
  if (args.labels && state.labels) {
    const e = unmatchedLabelsError(state.labels, compileLabels(args.labels.map, args.labels.source), path);
    if (e) throw e;
  }
  return state;
}

async function scan(path: string, args: SurveyTaskArgs, options: ScanSurveyOptions): Promise<SurveyTaskState> {
  const read = options.read ?? {};
  if (tableFormat(path) === 'csv') {
    return scanCsvParallel<SurveyTaskState>(
      path,
      read,
      { module: moduleBeside(import.meta.url, './survey-task'), args, createTask },
      mergeSurveyStates,
      {
        workers: options.workers,
        minBytes: options.parallelMinBytes,
        onProgress: options.onProgress,
      },
    );
  }
  const table = options.table ?? (await readTable(path, read));
  const task = createTask(args, { source: path });
  task.add(table);
  return task.finish();
}
