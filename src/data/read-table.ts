import { extname } from 'node:path';
import { StaffwellError } from '../errors.ts';
import type { Table } from './table.ts';
import { findColumn, makeTable } from './table.ts';
import type { CsvOptions } from './csv-layout.ts';
import type { ProgressFn } from './csv.ts';
import { readCsv, scanCsv } from './csv.ts';

/** Options of `readTable`/`scanTable`: the CSV options, plus the sheet of a workbook. */
export interface ReadTableOptions extends CsvOptions {
  /** Excel: sheet name or 1-based position (default: the first sheet). */
  sheet?: string | number;
}

export const SUPPORTED_EXTENSIONS = ['.csv', '.tsv', '.tab', '.txt', '.xlsx', '.sav', '.zsav'] as const;

type Format = 'csv' | 'xlsx' | 'sav';

/** The reader for a path, by extension (case-insensitive). */
export function tableFormat(path: string): Format {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.tab' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.sav' || ext === '.zsav') return 'sav';
  throw new StaffwellError('unsupported', ext ? `files of type "${ext}" cannot be read` : 'the file name has no extension, so its type is unknown', {
    file: path,
    hint: `supported: ${SUPPORTED_EXTENSIONS.join(', ')}${ext === '.xls' ? '; save an .xls workbook as .xlsx or as CSV UTF-8' : ''}${
      ext === '.ods' ? '; save the spreadsheet as .xlsx or CSV' : ''
    }`,
  });
}

/** Reads a whole data file (CSV/TSV/TXT, XLSX, SAV/ZSAV) into a Table. */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const format = tableFormat(path);
  if (format === 'csv') return readCsv(path, options);
  // The workbook and SPSS readers (and their zip and zlib code) are loaded only for their files.
  if (format === 'xlsx') return (await import('./xlsx.ts')).readXlsx(path, options);
  const { readSav } = await import('./sav.ts');
  return applyColumnOptions(readSav(path, { missing: options.missing }), options);
}

/**
 * Streams a data file chunk by chunk: CSV in chunks of `chunkRows` rows (see `scanCsv`, including `onRestart`),
 * other formats read whole and passed as one chunk.
 */
export async function scanTable(
  path: string,
  options: ReadTableOptions & { onRestart?: (columns: string[]) => void },
  onChunk: (chunk: Table) => void,
  onProgress?: ProgressFn,
): Promise<void> {
  if (tableFormat(path) === 'csv') {
    scanCsv(path, options, onChunk, onProgress);
    return;
  }
  onChunk(await readTable(path, options));
}

/** `columns` and `types` for readers that read every column with its stored type (SPSS). */
function applyColumnOptions(t: Table, options: ReadTableOptions): Table {
  const names = [...(options.columns ?? []), ...Object.keys(options.types ?? {})];
  for (const n of names) {
    if (!findColumn(t, n)) {
      throw new StaffwellError('unknown-column', `no column named "${n}"`, { file: t.source, value: n, hint: 'check the variable names in the file' });
    }
  }
  for (const [n, type] of Object.entries(options.types ?? {})) {
    const c = findColumn(t, n)!;
    if (type === 'number' && c.kind === 'text') {
      throw new StaffwellError('not-numeric', 'the variable is a string variable, declared numeric', {
        file: t.source,
        column: n,
        hint: 'recode it in SPSS, or do not declare it numeric',
      });
    }
  }
  if (!options.columns) return t;
  const columns = [...new Set(options.columns)].map((n) => findColumn(t, n)!);
  return makeTable({ source: t.source, columns, nrows: t.nrows, firstRow: t.firstRow, firstDataLine: t.firstDataLine, rowLine: t.rowLine });
}
