import type { AtomicWriter } from '../io/atomic-write.ts';
import { openAtomicWriter } from '../io/atomic-write.ts';
import { neutraliseFormula } from './spreadsheet-formulas.ts';
import type { Table } from './table.ts';

/**
 * RFC-4180 CSV output for result tables. A field is quoted when it holds the delimiter, a quote, a line break or
 * leading/trailing spaces (quotes doubled); numbers are printed as JS `String(x)` prints them (shortest text that
 * reads back to the same double); missing values (NaN, code -1) are empty fields. Text a spreadsheet would run as
 * a formula (`=…`, `+…`, `-…`, `@…`) gets a leading apostrophe, numbers never do (`spreadsheet-formulas.ts`; the
 * CSV reader takes it off again). Output goes through an atomic writer: nothing appears at the target path unless
 * `commit()` is reached.
 */
export interface CsvWriteOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Line end (default `\n`). */
  eol?: '\n' | '\r\n';
  /** Write a UTF-8 byte-order mark first (helps old Excel open UTF-8 text). Default false. */
  bom?: boolean;
}

/** Streaming CSV writer: the header on open, then rows chunk by chunk. */
export interface CsvTableWriter {
  /** Appends the rows of a table whose columns are those of the header, in the same order. */
  writeTable(chunk: Table): void;
  /** Appends one row of already-formatted values (numbers, strings, null/undefined for missing). */
  writeRow(values: readonly (string | number | null | undefined)[]): void;
  commit(): void;
  abort(): void;
}

export function openCsvWriter(path: string, columns: readonly string[], options: CsvWriteOptions = {}): CsvTableWriter {
  const w: AtomicWriter = openAtomicWriter(path);
  const fmt = formatter(options);
  try {
    w.write((options.bom ? '\ufeff' : '') + fmt.header(columns));
  } catch (e) {
    w.abort();
    throw e;
  }
  return {
    writeTable(chunk) {
      if (chunk.columns.length !== columns.length || chunk.columns.some((c, j) => c.name !== columns[j])) {
        throw new Error(`csv-write: chunk columns [${chunk.columns.map((c) => c.name).join(', ')}] differ from the header`);
      }
      w.write(fmt.rows(chunk));
    },
    writeRow(values) {
      w.write(fmt.row(values));
    },
    commit: () => w.commit(),
    abort: () => w.abort(),
  };
}

/** Writes a whole table atomically. */
export function writeCsv(path: string, table: Table, options: CsvWriteOptions = {}): void {
  const w = openCsvWriter(
    path,
    table.columns.map((c) => c.name),
    options,
  );
  try {
    w.writeTable(table);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/** The CSV text of a table (header and rows). */
export function formatCsv(table: Table, options: CsvWriteOptions = {}): string {
  const fmt = formatter(options);
  return (options.bom ? '\ufeff' : '') + fmt.header(table.columns.map((c) => c.name)) + fmt.rows(table);
}

/** The CSV text of rows of already-formatted values (the first row is the header), as `openCsvWriter` writes them. */
export function formatCsvRows(rows: readonly (readonly (string | number | null | undefined)[])[], options: CsvWriteOptions = {}): string {
  const fmt = formatter(options);
  let out = options.bom ? '\ufeff' : '';
  for (const r of rows) out += fmt.row(r);
  return out;
}

function formatter(options: CsvWriteOptions) {
  const delim = options.delimiter ?? ',';
  const eol = options.eol ?? '\n';
  if (delim.length !== 1 || delim === '"' || delim === '\n' || delim === '\r') throw new Error(`csv-write: bad delimiter ${JSON.stringify(delim)}`);
  const quote = (text: string): string => {
    if (text === '') return text;
    const s = neutraliseFormula(text);
    let needs = s.includes(delim) || s.includes('"') || s.includes('\n') || s.includes('\r');
    if (!needs) {
      const a = s.charCodeAt(0);
      const b = s.charCodeAt(s.length - 1);
      needs = a === 32 || a === 9 || b === 32 || b === 9;
    }
    return needs ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const cell = (v: string | number | null | undefined): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : quote(v);
  return {
    header: (names: readonly string[]) => names.map(quote).join(delim) + eol,
    row: (values: readonly (string | number | null | undefined)[]) => values.map(cell).join(delim) + eol,
    rows(t: Table): string {
      // Format column by column (one string per distinct text value), then join row by row.
      const cols: string[][] = t.columns.map((c) => {
        const out = new Array<string>(t.nrows);
        if (c.kind === 'number') {
          const text = numberTexts();
          for (let i = 0; i < t.nrows; i++) out[i] = text(c.values[i]);
        } else {
          const quoted = c.dictionary.map(quote);
          for (let i = 0; i < t.nrows; i++) {
            const k = c.codes[i];
            out[i] = k < 0 ? '' : quoted[k];
          }
        }
        return out;
      });
      const parts: string[] = new Array(t.nrows);
      const row = new Array<string>(cols.length);
      for (let i = 0; i < t.nrows; i++) {
        for (let j = 0; j < cols.length; j++) row[j] = cols[j][i];
        parts[i] = row.join(delim);
      }
      return t.nrows ? parts.join(eol) + eol : '';
    },
  };
}

/**
 * `String(x)` (empty for NaN) with a cache of the texts of the values seen: printing a double costs ~200 ns and
 * result columns such as scale scores (means of a few small integers) take a few hundred distinct values over
 * millions of rows. An open-addressing table on the value's bits; once half full it stops taking new values.
 */
function numberTexts(): (x: number) => string {
  const SIZE = 4096;
  const lo = new Int32Array(SIZE);
  const hi = new Int32Array(SIZE);
  const used = new Uint8Array(SIZE);
  const texts = new Array<string>(SIZE);
  const f = new Float64Array(1);
  const bits = new Int32Array(f.buffer);
  let count = 0;
  return (x) => {
    if (x !== x) return '';
    f[0] = x;
    const a = bits[0];
    const b = bits[1];
    let h = (Math.imul(a ^ b, 0x9e3779b1) >>> 20) & (SIZE - 1);
    for (;;) {
      if (used[h] === 0) {
        const s = String(x);
        if (count < SIZE / 2) {
          used[h] = 1;
          lo[h] = a;
          hi[h] = b;
          texts[h] = s;
          count++;
        }
        return s;
      }
      if (lo[h] === a && hi[h] === b) return texts[h];
      h = (h + 1) & (SIZE - 1);
    }
  };
}
