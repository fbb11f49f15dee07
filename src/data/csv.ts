import { StaffwellError } from '../errors.ts';
import type { Column, Table } from './table.ts';
import { lineOfRow, makeTable } from './table.ts';
import type { CsvLayout, CsvOptions } from './csv-layout.ts';
import { openCsvLayout } from './csv-layout.ts';
import type { ColumnType, RangeScanResult } from './csv-range.ts';
import { scanCsvRange } from './csv-range.ts';
import { scanRangeCoded } from './scan-range-coded.ts';
import type { CodedConsumer } from '../engine/coded-lane.ts';

export type { CsvLayout, CsvOptions } from './csv-layout.ts';
export type { ColumnType } from './csv-range.ts';

/**
 * Reading CSV/TSV survey files into Staffwell Tables.
 *
 * Types. A column is numeric if every non-missing value reads as a finite number (see `parseNumber`), else text
 * with its exact strings (`"007"` stays text). Types are inferred from the first chunk (`chunkRows` rows) so
 * chunks can be streamed; declared `types` override inference. If a later chunk finds text in a column that was
 * inferred numeric, nothing is lost: the scan goes on only to collect every such column, then the file (which is
 * seekable) is read again with those columns as text. A streaming caller learns of this through `onRestart`
 * and must drop what it accumulated; without `onRestart`, `scanCsv` throws a 'not-numeric' error instead.
 * `readCsv` and the task scans handle the restart themselves.
 */
export interface ScanCsvOptions extends CsvOptions {
  /**
   * Called when the chunks delivered so far are void because `columns` turned out to hold text after the first
   * chunk; the scan then starts again from the first row with those columns as text.
   */
  onRestart?: (columns: string[]) => void;
  /** Called once the header is read and the types are known (again after a restart). */
  onInfo?: (info: CsvInfo) => void;
  /**
   * Reuse the chunk arrays for the next chunk: a chunk is then valid only during `onChunk`. For consumers that
   * aggregate and keep nothing (saves allocating and zeroing memory per chunk).
   */
  reuse?: boolean;
  /**
   * The consumer of the coded lane (src/engine/coded-lane.ts) for this pass, asked after `onInfo`: rows the lane
   * reads go to it instead of `onChunk`.
   */
  coded?: () => CodedConsumer | undefined;
}

/** What the reader found out about a file. */
export interface CsvInfo {
  readonly layout: CsvLayout;
  /** Column names read, in output order. */
  readonly columns: string[];
  /** Their types. */
  readonly types: ColumnType[];
}

export type ProgressFn = (bytesDone: number, bytesTotal: number) => void;

export const DEFAULT_CHUNK_ROWS = 65536;
export const DEFAULT_BLOCK_BYTES = 4 << 20;

/**
 * Streams a CSV/TSV file chunk by chunk (about `chunkRows` rows each, with bounded memory) and returns what was
 * found out about the file. Each chunk is a Table whose `firstRow` and line numbers are those of the file.
 */
export function scanCsv(path: string, options: ScanCsvOptions, onChunk: (chunk: Table) => void, onProgress?: ProgressFn): CsvInfo {
  const layout = openCsvLayout(path, options);
  return scanCsvLayout(layout, inferCsvTypes(layout, options), options, onChunk, onProgress);
}

/** `scanCsv` on an opened layout with known starting types (inferred ones may still turn to text). */
export function scanCsvLayout(
  layout: CsvLayout,
  types: ColumnType[],
  options: ScanCsvOptions,
  onChunk: (chunk: Table) => void,
  onProgress?: ProgressFn,
): CsvInfo {
  for (;;) {
    const info: CsvInfo = { layout, columns: layout.selected.map((j) => layout.names[j]), types };
    options.onInfo?.(info);
    const r = scanAll(layout, types, options, onChunk, onProgress);
    if (r.retyped.length === 0) return info;
    const names = r.retyped.map((x) => info.columns[x.column]);
    if (!options.onRestart) {
      const first = r.retyped[0];
      throw new StaffwellError('not-numeric', 'a column read as numbers (from its first rows) holds text further down', {
        file: layout.source,
        line: first.line,
        column: names[0],
        value: first.value,
        hint: `declare the value a missing-value code (--na, or data.missing in a study file), or declare the column as text (types: { "${names[0]}": "text" })`,
      });
    }
    options.onRestart(names);
    types = types.map((t, k) => (r.retyped.some((x) => x.column === k) ? 'text' : t));
  }
}

/**
 * Rows per chunk while `readCsv` parses: the chunk arrays (one per column) are reused and stay in the CPU cache,
 * and each chunk is copied column by column into the table. (Parsing straight into full-length columns writes
 * one value to each of dozens of large fresh arrays per row, and runs at half the speed.)
 */
const READ_CHUNK_ROWS = 8192;

/** Reads a whole CSV/TSV file into one Table. */
export function readCsv(path: string, options: CsvOptions = {}): Table {
  let info: CsvInfo | undefined;
  let builder: TableBuilder | undefined;
  const layout = openCsvLayout(path, options);
  const sample = inferCsvSample(layout, options);
  // Columns sized for the whole file (estimated from the sample), grown if the estimate is short.
  const est =
    sample.rows === 0 ? 1024 : Math.ceil(((layout.size - layout.dataStart) / Math.max(1, sample.bytes)) * sample.rows * 1.02) + 1024;
  scanCsvLayout(
    layout,
    sample.types,
    {
      ...options,
      chunkRows: READ_CHUNK_ROWS,
      reuse: true,
      onRestart: () => {
        builder = undefined;
      },
      onInfo: (i) => {
        info = i;
        builder = new TableBuilder(i, Math.min(est, 1 << 26));
      },
    },
    (c) => builder!.add(c),
  );
  return builder!.table() ?? emptyTable(info!);
}

/** Appends chunks (valid only during `add`) into whole columns; text codes are re-encoded to one dictionary. */
class TableBuilder {
  private cap: number;
  private n = 0;
  private chunks = 0;
  private readonly values: (Float64Array | null)[];
  private readonly codes: (Int32Array | null)[];
  private readonly dictionaries: string[][];
  private readonly index: Map<string, number>[];
  private rowLine: Int32Array | null = null;

  constructor(
    private readonly info: CsvInfo,
    cap: number,
  ) {
    this.cap = Math.max(1, cap);
    this.values = info.types.map((t) => (t === 'number' ? new Float64Array(this.cap) : null));
    this.codes = info.types.map((t) => (t === 'text' ? new Int32Array(this.cap) : null));
    this.dictionaries = info.types.map(() => []);
    this.index = info.types.map(() => new Map());
  }

  add(chunk: Table): void {
    const m = chunk.nrows;
    const off = this.n;
    if (off + m > this.cap) this.grow(off + m);
    chunk.columns.forEach((c, k) => {
      if (c.kind === 'number') {
        this.values[k]!.set(c.values.subarray(0, m), off);
        return;
      }
      const out = this.codes[k]!;
      const dictionary = this.dictionaries[k];
      const index = this.index[k];
      const remap = new Int32Array(c.dictionary.length);
      c.dictionary.forEach((s, i) => {
        let g = index.get(s);
        if (g === undefined) {
          g = dictionary.length;
          dictionary.push(s);
          index.set(s, g);
        }
        remap[i] = g;
      });
      const codes = c.codes;
      for (let i = 0; i < m; i++) {
        const x = codes[i];
        out[off + i] = x >= 0 ? remap[x] : x;
      }
    });
    if (chunk.rowLine && !this.rowLine) {
      this.rowLine = new Int32Array(this.cap);
      for (let i = 0; i < off; i++) this.rowLine[i] = this.info.layout.firstDataLine + i;
    }
    if (this.rowLine) {
      if (chunk.rowLine) this.rowLine.set(chunk.rowLine.subarray(0, m), off);
      else for (let i = 0; i < m; i++) this.rowLine[off + i] = lineOfRow(chunk, i);
    }
    this.n = off + m;
    this.chunks++;
  }

  private grow(need: number): void {
    const cap = Math.max(need, Math.ceil(this.cap * 1.5));
    const n = this.n;
    this.values.forEach((v, k) => {
      if (v) (this.values[k] = new Float64Array(cap)).set(v.subarray(0, n));
    });
    this.codes.forEach((c, k) => {
      if (c) (this.codes[k] = new Int32Array(cap)).set(c.subarray(0, n));
    });
    const rowLine = this.rowLine;
    if (rowLine) (this.rowLine = new Int32Array(cap)).set(rowLine.subarray(0, n));
    this.cap = cap;
  }

  /** The table (columns are views of the arrays when they are at least half full), or undefined if no chunk came. */
  table(): Table | undefined {
    if (this.chunks === 0) return undefined;
    const n = this.n;
    const fit = <T extends Float64Array | Int32Array>(a: T): T => (n * 2 >= this.cap ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    const columns: Column[] = this.info.columns.map((name, k) =>
      this.info.types[k] === 'number'
        ? { kind: 'number', name, values: fit(this.values[k]!) }
        : { kind: 'text', name, codes: fit(this.codes[k]!), dictionary: this.dictionaries[k] },
    );
    return makeTable({
      source: this.info.layout.source,
      columns,
      nrows: n,
      firstRow: 0,
      firstDataLine: this.info.layout.firstDataLine,
      rowLine: this.rowLine ? this.rowLine.slice(0, n) : undefined,
    });
  }
}

/** The type of each selected column (output order): declared types, else inferred from the first chunk. */
export function inferCsvTypes(layout: CsvLayout, options: CsvOptions): ColumnType[] {
  // Every column declared (as the survey commands do): nothing to infer, so no sample is parsed.
  const declared = layout.selected.map((j) => options.types?.[layout.names[j]]);
  if (declared.every((t) => t !== undefined)) return declared as ColumnType[];
  return inferCsvSample(layout, options).types;
}

/** Types inferred from the first chunk, with the sample's size in rows and bytes. */
export function inferCsvSample(layout: CsvLayout, options: CsvOptions): { types: ColumnType[]; rows: number; bytes: number } {
  const declared = declaredFlags(layout, options);
  const types: ColumnType[] = layout.selected.map((j) => options.types?.[layout.names[j]] ?? 'number');
  const r = scanCsvRange(
    layout,
    { start: layout.dataStart, end: layout.size, firstRow: 0, firstLine: layout.firstDataLine },
    {
      types,
      declared,
      missing: options.missing,
      chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
      blockBytes: Math.min(options.blockBytes ?? DEFAULT_BLOCK_BYTES, 1 << 20),
      maxRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
    },
  );
  for (const x of r.retyped) types[x.column] = 'text';
  return { types, rows: r.rows, bytes: r.bytes };
}

export function declaredFlags(layout: CsvLayout, options: CsvOptions): boolean[] {
  return layout.selected.map((j) => options.types?.[layout.names[j]] !== undefined);
}

function scanAll(layout: CsvLayout, types: ColumnType[], options: ScanCsvOptions, onChunk: (c: Table) => void, onProgress?: ProgressFn): RangeScanResult {
  return scanRangeCoded(
    layout,
    { start: layout.dataStart, end: layout.size, firstRow: 0, firstLine: layout.firstDataLine },
    {
      types,
      declared: declaredFlags(layout, options),
      missing: options.missing,
      chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
      blockBytes: options.blockBytes ?? DEFAULT_BLOCK_BYTES,
      reuse: options.reuse,
      engine: options.engine,
      onChunk,
      onProgress: onProgress && ((done, total) => onProgress(layout.dataStart + done, layout.dataStart + total)),
    },
    options.coded?.(),
  );
}

function emptyTable(info: CsvInfo): Table {
  const columns: Column[] = info.columns.map((name, k) =>
    info.types[k] === 'number'
      ? { kind: 'number', name, values: new Float64Array(0) }
      : { kind: 'text', name, codes: new Int32Array(0), dictionary: [] },
  );
  return makeTable({ source: info.layout.source, columns, nrows: 0, firstDataLine: info.layout.firstDataLine });
}
