import { closeSync, openSync, readFileSync, readSync, fstatSync } from 'node:fs';
import { StaffwellError } from '../errors.ts';
import { compileMissing, isMissingNumber, isMissingText, unknownMissingColumns, type MissingCodes } from './missing.ts';
import { NeedMoreBytes, SavBytes } from './sav-bytes.ts';
import { readSavCases } from './sav-cases.ts';
import { readSavDictionary, type SavCompression, type SavDictionary, type SavMissing, type SavVariable } from './sav-dictionary.ts';
import { makeTable, type Column, type Table } from './table.ts';

/**
 * Reads SPSS system files (.sav, bytecode-compressed or not, and .zsav) into a Staffwell {@link Table}.
 *
 * - Numeric variables become `NumericColumn`s: system-missing is NaN; user-missing values (discrete values and
 *   ranges such as `97 THRU 99`) are NaN too unless `userMissing: 'keep'`; declared missing codes (`missing`)
 *   are NaN as in the CSV reader. Variable labels and value labels are carried over.
 * - String variables become `TextColumn`s, decoded with the file's encoding, trailing spaces removed; an empty
 *   string is missing, and so are user-missing strings (unless `'keep'`) and declared codes. The text `NA` is an
 *   answer (unlike in CSV, where it is missing by default).
 * - Very long strings (> 255 bytes) are reassembled; long variable names are the column names.
 * - Dates stay numbers (SPSS seconds since 14 Oct 1582); `readSavMetadata` gives their formats.
 * Errors are `StaffwellError`s (code `format`, `unsupported` or `io`) naming the file, what is wrong and the byte
 * offset and record where that helps.
 */

export interface ReadSavOptions {
  /** Extra missing-value codes, as for CSV (numbers compare numerically). */
  missing?: MissingCodes;
  /** User-missing values of the file: `'nan'` (default) makes them missing, `'keep'` keeps them as values. */
  userMissing?: 'nan' | 'keep';
}

export interface SavVariableInfo {
  readonly name: string;
  readonly shortName: string;
  readonly label?: string;
  readonly type: 'number' | 'text';
  /** String width in bytes; 8 for numbers. */
  readonly width: number;
  readonly measure: 'unknown' | 'nominal' | 'ordinal' | 'scale';
  /** Print format, e.g. `F8.2`, `A20`, `DATE11`. */
  readonly format: string;
  /** True for date/time formats: the values are SPSS seconds since 14 October 1582 (not converted). */
  readonly date: boolean;
  readonly missing: SavMissing;
  readonly valueLabels: readonly { readonly value: number | string; readonly label: string }[];
  readonly displayWidth?: number;
  readonly alignment?: 'left' | 'right' | 'centre';
}

export interface SavMetadata {
  readonly source: string;
  /** Number of cases from the header, or null when the writer left it unknown (-1). */
  readonly nCases: number | null;
  readonly compression: SavCompression;
  /** WHATWG label used to decode text (`utf-8`, `windows-1252`, ...). */
  readonly encoding: string;
  /** Where the encoding came from: record 7.20, the code page of record 7.3, or assumed (windows-1252). */
  readonly encodingSource: 'record 7.20' | 'record 7.3' | 'assumed';
  readonly product: string;
  readonly fileLabel: string;
  readonly created: string;
  readonly byteOrder: 'little-endian' | 'big-endian';
  readonly weightVariable?: string;
  readonly documents: readonly string[];
  readonly variables: readonly SavVariableInfo[];
}

/** Reads a whole .sav/.zsav file into a table. */
export function readSav(path: string, options: ReadSavOptions = {}): Table {
  return readSavBytes(readWhole(path), path, options).table;
}

/** Table and metadata from the bytes of a system file; `source` names the file in errors. */
export function readSavBytes(bytes: Uint8Array, source: string, options: ReadSavOptions = {}): { table: Table; metadata: SavMetadata } {
  const r = new SavBytes(bytes, source);
  const dict = readSavDictionary(r);
  checkOptions(dict, options);
  const keep = options.userMissing === 'keep';
  // Only declared codes: the text "NA", missing by default in CSV (how R writes a missing value there), is an
  // answer in an SPSS string variable, whose missing values the file declares itself.
  const declared = dict.variables.map((v) => compileMissing({ ...options.missing, naString: false }, v.name));
  const textMissing = dict.variables.map((v, vi) => {
    const compiled = declared[vi];
    const user = keep || v.type !== 'text' ? undefined : new Set(v.missing.values as string[]);
    return (text: string) => isMissingText(compiled, text) || (user !== undefined && user.has(text));
  });
  const cases = readSavCases(r, dict, (vi, text) => textMissing[vi](text));
  const columns: Column[] = dict.variables.map((v, vi) => {
    const label = v.label;
    const num = cases.numbers[vi];
    if (num) {
      applyNumericMissing(num, v, keep, declared[vi].numbers);
      const valueLabels = v.valueLabels.length
        ? new Map(v.valueLabels.map((l) => [l.value as number, l.label] as const))
        : undefined;
      return { kind: 'number', name: v.name, values: num, label, valueLabels };
    }
    const t = cases.texts[vi]!;
    return { kind: 'text', name: v.name, codes: t.codes, dictionary: t.dictionary, label };
  });
  // Case i is "line" i + 1, so row-level messages can say which case (SPSS numbers cases from 1).
  const table = makeTable({ source, columns, nrows: cases.nrows, firstDataLine: 1 });
  return { table, metadata: toMetadata(dict) };
}

/** The dictionary of a .sav/.zsav file (variables, labels, formats, missing values) without reading the data. */
export function readSavMetadata(path: string): SavMetadata {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw ioError(path, e);
  }
  try {
    const size = fstatSync(fd).size;
    let want = Math.min(size, 1 << 16);
    for (;;) {
      const head = new Uint8Array(want);
      const got = readSync(fd, head, 0, want, 0);
      const partial = got < size;
      try {
        return toMetadata(readSavDictionary(new SavBytes(head.subarray(0, got), path, partial)));
      } catch (e) {
        if (!(e instanceof NeedMoreBytes) || !partial) throw e;
        want = Math.min(size, Math.max(want * 2, e.atLeast + 4096));
      }
    }
  } finally {
    closeSync(fd);
  }
}

function readWhole(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw ioError(path, e);
  }
}

function ioError(path: string, e: unknown): StaffwellError {
  const code = (e as NodeJS.ErrnoException).code;
  return new StaffwellError(code === 'ENOENT' ? 'not-found' : 'io', code === 'ENOENT' ? 'no such file' : `cannot read the file (${(e as Error).message})`, {
    file: path,
    hint: code === 'ENOENT' ? 'check the path and the file name' : 'check that the file exists and is readable',
    cause: e,
  });
}

function checkOptions(dict: SavDictionary, options: ReadSavOptions): void {
  if (options.userMissing !== undefined && options.userMissing !== 'nan' && options.userMissing !== 'keep') {
    throw new StaffwellError('invalid-option', 'userMissing must be "nan" or "keep"', {
      file: dict.source,
      value: options.userMissing,
      hint: 'use "nan" to treat SPSS user-missing values as missing, or "keep" to keep them as values',
    });
  }
  const unknown = unknownMissingColumns(options.missing, dict.variables.map((v) => v.name));
  if (unknown.length) {
    throw new StaffwellError('unknown-column', 'missing-value codes name a variable that is not in the file', {
      file: dict.source,
      value: unknown.join(', '),
      hint: 'check the variable names (case-sensitive); readSavMetadata lists them',
    });
  }
}

/** Sets user-missing values (discrete and range, unless kept) and declared codes to NaN, in place. */
function applyNumericMissing(x: Float64Array, v: SavVariable, keep: boolean, declared: Float64Array): void {
  const discrete = keep ? [] : (v.missing.values as number[]);
  const range = keep ? undefined : v.missing.range;
  const codes = Float64Array.from([...discrete, ...declared]);
  if (codes.length === 0 && !range) return;
  const lo = range ? range[0] : Infinity;
  const hi = range ? range[1] : -Infinity;
  const m = { numbers: codes, texts: new Set<string>() };
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if ((xi >= lo && xi <= hi) || (codes.length && isMissingNumber(m, xi))) x[i] = NaN;
  }
}

function toMetadata(d: SavDictionary): SavMetadata {
  return {
    source: d.source,
    nCases: d.nCases < 0 ? null : d.nCases,
    compression: d.compression,
    encoding: d.encoding.label,
    encodingSource: d.encoding.source,
    product: d.product,
    fileLabel: d.fileLabel,
    created: d.created,
    byteOrder: d.littleEndian ? 'little-endian' : 'big-endian',
    weightVariable: d.weightVariable,
    documents: d.documents,
    variables: d.variables.map((v) => ({
      name: v.name,
      shortName: v.shortName,
      label: v.label,
      type: v.type,
      width: v.width,
      measure: v.measure,
      format: v.format,
      date: v.date,
      missing: v.missing,
      valueLabels: v.valueLabels,
      displayWidth: v.displayWidth,
      alignment: v.alignment,
    })),
  };
}
