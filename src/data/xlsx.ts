import { existsSync, readFileSync, statSync } from 'node:fs';
import { zipSync } from 'fflate';
// exceljs takes ~0.4 s to load: loaded when a workbook is read, not with every command.
import type ExcelJS from 'exceljs';
import { StaffwellError } from '../errors.ts';
import { textAnswerHint } from './text-answer-hint.ts';
import { ZIP_LIMIT_ENV, ZipArchive, zipEntryLimit } from '../io/zip-reader.ts';
import type { Column, Table } from './table.ts';
import { closestNames, makeTable } from './table.ts';
import type { MissingCodes } from './missing.ts';
import { compileMissing, isMissingNumber, isMissingText, parseNumber, unknownMissingColumns } from './missing.ts';
import { restoreFormula } from './spreadsheet-formulas.ts';

/**
 * Reads one sheet of an Excel .xlsx workbook into a Table (through exceljs).
 *
 * - The first non-empty row is the header (column names); empty rows after it are skipped.
 * - Cells: numbers are numbers; text is text (a text cell that reads as a number counts as one, as in CSV);
 *   formulas give their cached result; dates become ISO text (`2026-03-01`, or `2026-03-01T09:30:00` with a
 *   time; Excel dates carry no time zone); TRUE/FALSE become text; empty cells and error values (`#N/A`) are
 *   missing. Missing codes and `types` work as for CSV. A leading apostrophe that Staffwell's writers put before
 *   formula-like text (`'=1+1`) is taken off, as the CSV reader does (`spreadsheet-formulas.ts`).
 * - Line numbers in errors and `rowLine` are Excel row numbers.
 */
export interface XlsxOptions {
  /** Sheet name, or 1-based position (default: the first sheet). */
  sheet?: string | number;
  missing?: MissingCodes;
  types?: Record<string, 'number' | 'text'>;
  /** Read only these columns, in this order. */
  columns?: string[];
  /** Largest inflated size of one part of the workbook (default: the zip reader's limit, 256 MB). */
  maxEntryBytes?: number;
}

/** The parts exceljs reads for cell values; drawings, media, themes, comments and the rest are never inflated. */
const WORKBOOK_PART = /^(?:_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels)$/;

/**
 * exceljs inflates every entry of a workbook with its own zip code, without limits. So the parts it needs are
 * inflated here through the bounded zip reader (each within the per-entry limit) and handed to it as a stored
 * (uncompressed) archive, which it only slices.
 */
function workbookParts(path: string, maxEntryBytes: number | undefined): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the file', { file: path, hint: `check that it is readable (${(e as NodeJS.ErrnoException).code ?? 'error'})`, cause: e });
  }
  const zip = new ZipArchive(bytes, path, {
    maxEntryBytes,
    what: 'an Excel .xlsx workbook',
    notZipHint: 'open it in Excel and save it as .xlsx (or as CSV UTF-8) again',
  });
  const files: Record<string, Uint8Array> = {};
  for (const name of zip.names()) if (WORKBOOK_PART.test(name.replace(/^\//, ''))) files[name.replace(/^\//, '')] = zip.read(name);
  return zipSync(files, { level: 0 });
}

/**
 * The names of a workbook's sheets, in the workbook's order (the order `sheet: 2` counts in), read from
 * xl/workbook.xml alone: no worksheet is inflated and exceljs is not loaded, so listing the sheets of a large
 * workbook is cheap.
 */
export function xlsxSheetNames(path: string, options: { maxEntryBytes?: number } = {}): string[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the file', { file: path, hint: `check that it is readable (${(e as NodeJS.ErrnoException).code ?? 'error'})`, cause: e });
  }
  return xlsxSheetNamesOf(bytes, path, options);
}

/**
 * `xlsxSheetNames` of a workbook's bytes (a dropped file); `path` names it in messages. The workbook part is small
 * (sheet names, defined names), so it may inflate to 16 MB at most, unless `maxEntryBytes` or
 * STAFFWELL_ZIP_ENTRY_LIMIT (which the limit's error message names) says otherwise.
 */
export function xlsxSheetNamesOf(bytes: Uint8Array, path: string, options: { maxEntryBytes?: number } = {}): string[] {
  const zip = new ZipArchive(bytes, path, { maxEntryBytes: options.maxEntryBytes ?? (process.env[ZIP_LIMIT_ENV]?.trim() ? zipEntryLimit() : WORKBOOK_XML_BYTES), what: 'an Excel .xlsx workbook', notZipHint: 'open it in Excel and save it as .xlsx (or as CSV UTF-8) again' });
  const part = zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : zip.has('/xl/workbook.xml') ? '/xl/workbook.xml' : undefined;
  if (!part) throw new StaffwellError('format', 'this is not an Excel .xlsx workbook that can be read (it has no xl/workbook.xml)', { file: path, hint: 'open it in Excel and save it as .xlsx (or as CSV UTF-8) again' });
  const xml = new TextDecoder().decode(zip.read(part));
  const names: string[] = [];
  // <sheet name="..." sheetId=".." r:id=".."/> under <sheets>, maybe with a namespace prefix
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) names.push(xmlText(m[1] ?? m[2]));
  return names;
}

/** XML character references and the five entities, as in an attribute value. */
function xmlText(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()],
  );
}

const WORKBOOK_XML_BYTES = 16 * 2 ** 20;

type Cell = number | string | null;

export async function readXlsx(path: string, options: XlsxOptions = {}): Promise<Table> {
  if (!existsSync(path)) throw new StaffwellError('io', 'no such file', { file: path, hint: 'check the path and the file name' });
  if (statSync(path).isDirectory()) throw new StaffwellError('io', 'this is a folder, not a file', { file: path });
  const parts = workbookParts(path, options.maxEntryBytes);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(parts as unknown as ArrayBuffer);
  } catch (e) {
    throw new StaffwellError('format', 'this is not an Excel .xlsx workbook that can be read', {
      file: path,
      hint: 'open it in Excel and save it as .xlsx (or as CSV UTF-8) again',
      cause: e,
    });
  }
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  const listed = names.map((n) => `"${n}"`).join(', ');
  let ws: ExcelJS.Worksheet | undefined;
  if (options.sheet === undefined) ws = sheets[0];
  else if (typeof options.sheet === 'number') ws = sheets[options.sheet - 1];
  else ws = sheets.find((s) => s.name === options.sheet);
  if (!ws) {
    const near = typeof options.sheet === 'string' ? closestNames(options.sheet, names) : [];
    throw new StaffwellError('not-found', sheets.length ? 'the workbook has no such sheet' : 'the workbook has no sheets', {
      file: path,
      value: options.sheet,
      hint: sheets.length ? `${near.length ? `did you mean "${near[0]}"? ` : ''}its sheets are ${listed}` : 'add the data to a sheet',
    });
  }
  const where = `${path} [sheet "${ws.name}"]`;

  // Collect the rows: header, then data rows (number + cells).
  let header: string[] | undefined;
  let headerRow = 0;
  const rowNumbers: number[] = [];
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based, sparse
    const cells: Cell[] = [];
    let any = false;
    for (let c = 1; c < values.length; c++) {
      const v = cellValue(values[c]);
      cells[c - 1] = v;
      if (v !== null) any = true;
    }
    if (!any) return;
    if (!header) {
      header = [];
      for (let c = 0; c < cells.length; c++) header[c] = cells[c] === null || cells[c] === undefined ? '' : String(cells[c]).trim();
      while (header.length && header[header.length - 1] === '') header.pop();
      headerRow = rowNumber;
      return;
    }
    rowNumbers.push(rowNumber);
    rows.push(cells);
  });
  if (!header || header.length === 0) {
    const others = names.filter((n) => n !== ws!.name).map((n) => `"${n}"`);
    throw new StaffwellError('format', 'the sheet is empty', {
      file: where,
      hint: others.length
        ? `choose the sheet that holds the data (the workbook's other sheets: ${others.join(', ')}; --sheet, or data.sheet in a study file), or put the column names in this sheet's first row and the data below`
        : 'put the column names in the first row and the data below',
    });
  }
  const hdr = header;
  hdr.forEach((n, i) => {
    if (n === '') {
      throw new StaffwellError('format', `column ${columnLetter(i)} of the header row has no name`, {
        file: where,
        line: headerRow,
        hint: 'give every column a name in the header row',
      });
    }
    const j = hdr.indexOf(n);
    if (j !== i) {
      throw new StaffwellError('format', `columns ${columnLetter(j)} and ${columnLetter(i)} of the header row have the same name`, {
        file: where,
        line: headerRow,
        column: n,
        value: n,
        hint: 'rename one of them so every column name is unique',
      });
    }
  });
  rows.forEach((cells, r) => {
    for (let c = hdr.length; c < cells.length; c++) {
      if (cells[c] !== null && cells[c] !== undefined) {
        throw new StaffwellError('ragged-row', `cell ${columnLetter(c)}${rowNumbers[r]} has a value but its column has no name in the header row`, {
          file: where,
          line: rowNumbers[r],
          value: cells[c],
          hint: 'give the column a name in the header row, or clear the cell',
        });
      }
    }
  });
  const unknown = [
    ...Object.keys(options.types ?? {}),
    ...(options.columns ?? []),
    ...unknownMissingColumns(options.missing, hdr),
  ].filter((n) => !hdr.includes(n));
  if (unknown.length) {
    const near = closestNames(unknown[0], hdr);
    throw new StaffwellError('unknown-column', `no column named "${unknown[0]}"`, {
      file: where,
      value: unknown[0],
      hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Column names are case-sensitive` : 'check the header row',
    });
  }

  const wanted = options.columns ? [...new Set(options.columns)].map((n) => hdr.indexOf(n)) : hdr.map((_, i) => i);
  const n = rows.length;
  const columns: Column[] = wanted.map((c) => buildColumn(where, hdr[c], c, rows, rowNumbers, options));
  const firstDataLine = headerRow + 1;
  const simple = rowNumbers.every((rn, i) => rn === firstDataLine + i);
  return makeTable({ source: path, columns, nrows: n, firstDataLine, rowLine: simple ? undefined : Int32Array.from(rowNumbers) });
}

function buildColumn(where: string, name: string, c: number, rows: Cell[][], rowNumbers: number[], options: XlsxOptions): Column {
  const miss = compileMissing(options.missing, name);
  const n = rows.length;
  const declared = options.types?.[name];
  // Numeric unless declared text or some non-missing value is not a number.
  let numeric = declared !== 'text';
  const nums = new Float64Array(n);
  for (let r = 0; r < n && numeric; r++) {
    const v = rows[r][c] ?? null;
    let x: number;
    if (v === null) x = NaN;
    else if (typeof v === 'number') x = isMissingNumber(miss, v) ? NaN : v;
    else if (isMissingText(miss, v)) x = NaN;
    else {
      x = parseNumber(v);
      if (Number.isNaN(x)) {
        if (declared === 'number') {
          throw new StaffwellError('not-numeric', 'text in a column declared numeric', {
            file: where,
            line: rowNumbers[r],
            column: name,
            value: v,
            hint: textAnswerHint(v, 'workbook'),
          });
        }
        numeric = false;
        break;
      }
      if (isMissingNumber(miss, x)) x = NaN;
    }
    nums[r] = x;
  }
  if (numeric) return { kind: 'number', name, values: nums };
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const v = rows[r][c] ?? null;
    let k = -1;
    if (v !== null) {
      const s = typeof v === 'number' ? String(v) : v;
      const missing = typeof v === 'number' ? isMissingNumber(miss, v) : isMissingText(miss, s);
      if (!missing) {
        k = index.get(s) ?? -1;
        if (k < 0) {
          k = dictionary.push(s) - 1;
          index.set(s, k);
        }
      }
    }
    codes[r] = k;
  }
  return { kind: 'text', name, codes, dictionary };
}

/** A cell as a number, a string, or null (empty or an error value). */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : restoreFormula(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDate(v);
  if ('error' in v) return null;
  if ('richText' in v) return restoreFormula(v.richText.map((t) => t.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) {
    const res = (v as ExcelJS.CellFormulaValue).result;
    return res === undefined ? null : cellValue(res as ExcelJS.CellValue);
  }
  if ('text' in v) return cellValue((v as ExcelJS.CellHyperlinkValue).text);
  return null;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
