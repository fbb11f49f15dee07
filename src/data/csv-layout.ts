import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StaffwellError } from '../errors.ts';
import { closestNames } from './table.ts';
import type { MissingCodes } from './missing.ts';
import { unknownMissingColumns } from './missing.ts';
import type { EngineName } from '../engine/engine.ts';
import { restoreFormula } from './spreadsheet-formulas.ts';

/** How a CSV/TSV file is read. Every option is optional; the defaults suit a plain CSV export. */
export interface CsvOptions {
  /** Field separator, one character. Default: sniffed from the header among `,` `;` and tab (`.tsv` = tab). */
  delimiter?: string;
  /** Missing-value codes (an empty field and `NA` are always missing). */
  missing?: MissingCodes;
  /** Column types that override inference. A column declared `number` that holds text is an error. */
  types?: Record<string, 'number' | 'text'>;
  /** Read only these columns (others are skipped without parsing), in this order. */
  columns?: string[];
  /**
   * The file is a Qualtrics export: the names row is followed by a question-text row and an
   * `{"ImportId":...}` row, which are skipped. Default: detected from the third row (and skipped).
   * `false` turns detection off.
   */
  qualtrics?: boolean;
  /** Number of header records before the data (names are taken from the first). Overrides `qualtrics`. */
  headerLines?: number;
  /** Rows per streamed chunk (default 65,536). The first chunk is also the sample used to infer types. */
  chunkRows?: number;
  /** Bytes per read (default 4 MiB). */
  blockBytes?: number;
  /** Text encoding (default `utf-8`, validated). `windows-1252` / `latin1` for old Excel "CSV" exports. */
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  /**
   * Decimal mark (default `.`). `,` reads `3,5` as 3.5 (European exports, R's read.csv2); then a number with a
   * `.` is text, and the delimiter must not be `,`.
   */
  decimal?: '.' | ',';
  /**
   * The engine that reads and accumulates (src/engine/engine.ts): 'wasm' reads survey codes through the
   * WebAssembly coded lane where it can, 'js' never does; results are identical. Default: the STAFFWELL_ENGINE
   * environment variable, else 'wasm'.
   */
  engine?: EngineName;
}

/** What was found out about a file before reading its data; plain data, so it can be sent to a worker. */
export interface CsvLayout {
  /** The path as the user named it (used in messages). */
  readonly source: string;
  readonly size: number;
  /** Field separator as a byte. */
  readonly delimiter: number;
  /** All header names, in file order. */
  readonly names: string[];
  /** File indexes of the columns to read, in output order. */
  readonly selected: number[];
  /** Header records skipped (names row included). */
  readonly headerLines: number;
  readonly qualtrics: boolean;
  /** Byte offset of the first data record. */
  readonly dataStart: number;
  /** Line (1-based, as an editor shows it) on which the first data record starts. */
  readonly firstDataLine: number;
  readonly encoding: 'utf-8' | 'windows-1252' | 'latin1';
  readonly decimal: '.' | ',';
}

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/** Opens the file, reads its header records and decides dialect, names and the columns to read. */
export function openCsvLayout(path: string, options: CsvOptions = {}): CsvLayout {
  const fd = openForRead(path);
  try {
    const size = fstatSync(fd).size;
    const encoding = options.encoding ?? 'utf-8';
    let headLen = Math.min(size, 1 << 20);
    let head = readHead(fd, headLen);
    checkLooksLikeText(path, head, encoding);
    const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    if (isBlank(head, bom, head.length) && headLen >= size) {
      throw new StaffwellError('format', 'the file is empty', { file: path, hint: 'export the data again with a header row of column names' });
    }
    const delimiter = chooseDelimiter(path, head, bom, options.delimiter);
    const decimal = options.decimal ?? '.';
    if (decimal !== '.' && decimal !== ',') {
      throw new StaffwellError('invalid-option', 'the decimal mark must be "." or ","', { value: decimal });
    }
    if (decimal === ',' && delimiter === 44) {
      throw new StaffwellError('invalid-option', 'with a decimal comma the delimiter cannot be a comma', {
        file: path,
        hint: 'files with decimal commas usually separate fields with ";" (set delimiter: ";")',
      });
    }
    const decode = decoderFor(encoding);
    // Read the header records; grow the head until they are complete.
    const wanted = options.headerLines ?? (options.qualtrics === true ? 3 : options.qualtrics === false ? 1 : 3);
    if (!Number.isInteger(wanted) || wanted < 1) {
      throw new StaffwellError('invalid-option', 'headerLines must be a whole number of at least 1', { value: options.headerLines });
    }
    let records: HeadRecord[];
    for (;;) {
      records = parseHeadRecords(head, bom, head.length, delimiter, wanted, headLen >= size, decode, path);
      if (records.length >= wanted || headLen >= size) break;
      headLen = Math.min(size, headLen * 4);
      head = readHead(fd, headLen);
    }
    if (records.length === 0) {
      throw new StaffwellError('format', 'the file is empty', { file: path, hint: 'export the data again with a header row of column names' });
    }
    let headerLines: number;
    let qualtrics = false;
    if (options.headerLines !== undefined) headerLines = options.headerLines;
    else if (options.qualtrics === true) {
      headerLines = 3;
      qualtrics = true;
    } else if (options.qualtrics === false) headerLines = 1;
    else {
      qualtrics = records.length >= 3 && records[2].fields.some((f) => /^\s*\{\s*"ImportId"\s*:/.test(f));
      headerLines = qualtrics ? 3 : 1;
    }
    if (records.length < headerLines) {
      throw new StaffwellError('format', `the file has fewer than ${headerLines} header lines`, {
        file: path,
        hint: qualtrics ? 'a Qualtrics export has 3 header rows; pass qualtrics: false (--no-qualtrics) for a plain CSV' : 'check headerLines',
      });
    }
    const names = records[0].fields.map((s) => restoreFormula(s.trim()));
    checkNames(path, names);
    const last = records[headerLines - 1];
    const selected = selectColumns(path, names, options);
    checkTypesAndMissing(path, names, options);
    return {
      source: path,
      size,
      delimiter,
      names,
      selected,
      headerLines,
      qualtrics,
      dataStart: last.next,
      firstDataLine: last.nextLine,
      encoding,
      decimal,
    };
  } finally {
    closeSync(fd);
  }
}

export function openForRead(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StaffwellError('io', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : 'cannot open the file', {
      file: path,
      hint: code === 'ENOENT' ? 'check the path and the file name' : `check the permissions (${code ?? 'error'})`,
      cause: e,
    });
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new StaffwellError('io', 'this is a folder, not a file', { file: path, hint: 'give the path of the data file inside it' });
  }
  return fd;
}

function readHead(fd: number, n: number): Buffer {
  const buf = Buffer.allocUnsafe(n);
  let got = 0;
  while (got < n) {
    const r = readSync(fd, buf, got, n - got, got);
    if (r === 0) break;
    got += r;
  }
  return buf.subarray(0, got);
}

const decodeUtf8 = (b: Buffer, s: number, e: number): string => b.toString('utf8', s, e);
const decodeLatin1 = (b: Buffer, s: number, e: number): string => b.toString('latin1', s, e);

/**
 * The decoder of a text cell: `decode`, then the CSV writer's formula neutralisation undone (`'=1+1` → `=1+1`,
 * see `spreadsheet-formulas.ts`), so what Staffwell writes reads back as it was.
 */
export function textCellDecoder(decode: (b: Buffer, s: number, e: number) => string): (b: Buffer, s: number, e: number) => string {
  return (b, s, e) => (b[s] === 0x27 ? restoreFormula(decode(b, s, e)) : decode(b, s, e));
}

/** The decoder of an encoding (one shared function per encoding, so call sites in the parser stay monomorphic). */
export function decoderFor(encoding: CsvLayout['encoding']): (b: Buffer, s: number, e: number) => string {
  if (encoding === 'utf-8') return decodeUtf8;
  if (encoding === 'latin1') return decodeLatin1;
  const td = new TextDecoder('windows-1252');
  return (b, s, e) => td.decode(b.subarray(s, e));
}

function isBlank(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== LF && c !== CR) return false;
  }
  return true;
}

/** Rejects files that are clearly not delimited text, saying what they look like. */
function checkLooksLikeText(path: string, b: Uint8Array, encoding: string): void {
  const starts = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  let what: string | undefined;
  let hint = 'save the data as CSV (UTF-8) and read that file';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    what = 'a ZIP archive (an Excel .xlsx workbook, or .docx/.ods, with a .csv name?)';
    hint = 'if it is an Excel workbook, rename it to .xlsx and read it as such, or save it from Excel as "CSV UTF-8"';
  } else if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    what = 'an old Microsoft Office file (Excel .xls?)';
    hint = 'open it in Excel and save it as "CSV UTF-8" or .xlsx';
  } else if (starts(0x24, 0x46, 0x4c, 0x32) || starts(0x24, 0x46, 0x4c, 0x33)) {
    what = 'an SPSS .sav data file';
    hint = 'give it a .sav name and read it as such';
  } else if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    what = 'UTF-16 text (Excel "Unicode text")';
    hint = 'save it as "CSV UTF-8" instead';
  } else {
    const n = Math.min(b.length, 8192);
    for (let i = 0; i < n; i++) {
      if (b[i] === 0) {
        what = 'binary data, not text';
        break;
      }
    }
  }
  if (what) throw new StaffwellError('format', `this does not look like a CSV file: it looks like ${what}`, { file: path, hint });
  void encoding;
}

function chooseDelimiter(path: string, b: Uint8Array, start: number, given: string | undefined): number {
  if (given !== undefined) {
    const d = given === '\\t' || given === 'tab' ? '\t' : given;
    if (d.length !== 1 || d.charCodeAt(0) > 127 || d === '"' || d === '\n' || d === '\r') {
      throw new StaffwellError('invalid-option', 'the delimiter must be one ASCII character other than a quote or newline', { value: given });
    }
    return d.charCodeAt(0);
  }
  if (/\.tsv$/i.test(path) || /\.tab$/i.test(path)) return 9;
  // Count candidates outside quotes on the first line.
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let inQ = false;
  for (let i = start; i < b.length; i++) {
    const c = b[i];
    if (c === QUOTE) inQ = !inQ;
    else if (!inQ) {
      if (c === LF || c === CR) break;
      if (c === 44) comma++;
      else if (c === 59) semi++;
      else if (c === 9) tab++;
    }
  }
  if (tab > comma && tab >= semi) return 9;
  if (semi > comma && semi > tab) return 59;
  return 44;
}

interface HeadRecord {
  fields: string[];
  /** Byte offset after the record's terminator. */
  next: number;
  /** Line on which the next record starts. */
  nextLine: number;
}

/** Parses up to `count` complete records (quote-aware, blank lines skipped) from the head of the file. */
function parseHeadRecords(
  b: Buffer,
  start: number,
  end: number,
  delim: number,
  count: number,
  eof: boolean,
  decode: (b: Buffer, s: number, e: number) => string,
  source: string,
): HeadRecord[] {
  const out: HeadRecord[] = [];
  let p = start;
  let line = 1;
  while (out.length < count && p < end) {
    const c0 = b[p];
    if (c0 === LF || c0 === CR) {
      p += c0 === CR && b[p + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let complete = false;
    for (;;) {
      let text: string;
      if (b[p] === QUOTE) {
        const openLine = line;
        let s = p + 1;
        const parts: string[] = [];
        let closed = false;
        let q = s;
        while (q < end) {
          const c = b[q];
          if (c === QUOTE) {
            if (b[q + 1] === QUOTE && q + 1 < end) {
              parts.push(decode(b, s, q + 1));
              q += 2;
              s = q;
              continue;
            }
            parts.push(decode(b, s, q));
            closed = true;
            q++;
            break;
          }
          if (c === LF || (c === CR && b[q + 1] !== LF)) line++;
          q++;
        }
        if (!closed) {
          if (eof) {
            throw new StaffwellError('format', 'a quoted field is never closed', {
              file: source,
              line: openLine,
              hint: 'a field that starts with a double quote must end with one; double any quote inside it ("")',
            });
          }
          break;
        }
        while (q < end && b[q] === 32) q++;
        p = q;
        text = parts.join('');
      } else {
        let q = p;
        while (q < end && b[q] !== delim && b[q] !== LF && b[q] !== CR) q++;
        text = decode(b, p, q);
        p = q;
      }
      fields.push(text);
      if (p < end && b[p] === delim) {
        p++;
        continue;
      }
      if (p < end) {
        // terminator or stray text after a closing quote: skip to the end of line
        while (p < end && b[p] !== LF && b[p] !== CR) p++;
        if (p < end) {
          p += b[p] === CR && b[p + 1] === LF ? 2 : 1;
          if (p <= end) complete = true;
        }
      } else complete = eof;
      break;
    }
    if (!complete) break;
    line++;
    out.push({ fields, next: Math.min(p, end), nextLine: line });
  }
  return out;
}

function checkNames(path: string, names: string[]): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === '') {
      throw new StaffwellError('format', `column ${i + 1} of the header has no name`, {
        file: path,
        line: 1,
        hint:
          i === 0
            ? 'a nameless first column is often R row names (write.csv(row.names = FALSE) avoids it); give the column a name in the header'
            : 'give every column a name in the header line',
      });
    }
    const prev = seen.get(n);
    if (prev !== undefined) {
      throw new StaffwellError('format', `columns ${prev + 1} and ${i + 1} of the header have the same name`, {
        file: path,
        line: 1,
        column: n,
        value: n,
        hint: 'rename one of them so every column name is unique',
      });
    }
    seen.set(n, i);
  });
}

function unknownColumnError(path: string, name: string, names: string[], usage: string): StaffwellError {
  const near = closestNames(name, names);
  return new StaffwellError('unknown-column', `no column named "${name}" (named in ${usage})`, {
    file: path,
    value: name,
    hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Column names are case-sensitive` : 'check the column names in the header line',
  });
}

function selectColumns(path: string, names: string[], options: CsvOptions): number[] {
  if (!options.columns) return names.map((_, i) => i);
  const index = new Map(names.map((n, i) => [n, i]));
  const out: number[] = [];
  const seen = new Set<number>();
  for (const n of options.columns) {
    const i = index.get(n);
    if (i === undefined) throw unknownColumnError(path, n, names, 'the columns to read');
    if (!seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  return out;
}

function checkTypesAndMissing(path: string, names: string[], options: CsvOptions): void {
  const have = new Set(names);
  for (const [n, t] of Object.entries(options.types ?? {})) {
    if (!have.has(n)) throw unknownColumnError(path, n, names, 'the declared column types');
    if (t !== 'number' && t !== 'text') {
      throw new StaffwellError('invalid-option', `the type of column "${n}" must be "number" or "text"`, { value: t });
    }
  }
  const unknown = unknownMissingColumns(options.missing, names);
  if (unknown.length) throw unknownColumnError(path, unknown[0], names, 'the per-column missing codes');
}
