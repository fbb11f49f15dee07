import { StaffwellError } from '../errors.ts';
import { textAnswerHint } from './text-answer-hint.ts';

/**
 * Staffwell's columnar table: what every reader (CSV, XLSX, SAV) produces and every statistic consumes.
 *
 * - Numeric columns are `Float64Array`s with NaN for missing (declared missing codes are already NaN).
 * - Text columns are dictionary-encoded: `codes[i]` indexes `dictionary`, -1 is missing. Grouping uses the codes.
 * - A table may be a whole file or one chunk of a streamed file; `firstRow` is the 0-based index of its first row
 *   in the file and `rowLine` maps a row to the line an editor shows (header = line 1), so errors can name it.
 * No object is created per cell.
 */
export interface NumericColumn {
  readonly kind: 'number';
  readonly name: string;
  readonly values: Float64Array;
  /** Variable label (SPSS) if any. */
  readonly label?: string;
  /** Value labels (SPSS, or an instrument's response options): code -> label. */
  readonly valueLabels?: ReadonlyMap<number, string>;
}

export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  /** Index into `dictionary`; -1 = missing. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly label?: string;
}

export type Column = NumericColumn | TextColumn;

export interface Table {
  /** The file the table came from, as the user named it (used in error messages). */
  readonly source: string;
  readonly nrows: number;
  readonly columns: readonly Column[];
  /** 0-based index of this chunk's first row within the whole file. */
  readonly firstRow: number;
  /**
   * Line (1-based, as an editor shows it) on which each row starts. Absent when rows map to lines simply as
   * `firstDataLine + firstRow + i`.
   */
  readonly rowLine?: Int32Array;
  /** Line of the file's first data row (2 for a CSV with one header line). */
  readonly firstDataLine: number;
}

export function makeTable(init: {
  source: string;
  columns: Column[];
  nrows?: number;
  firstRow?: number;
  firstDataLine?: number;
  rowLine?: Int32Array;
}): Table {
  const nrows = init.nrows ?? (init.columns.length ? columnLength(init.columns[0]) : 0);
  for (const c of init.columns) {
    if (columnLength(c) !== nrows) throw new Error(`column ${c.name} has ${columnLength(c)} rows, table has ${nrows}`);
  }
  return {
    source: init.source,
    nrows,
    columns: init.columns,
    firstRow: init.firstRow ?? 0,
    firstDataLine: init.firstDataLine ?? 2,
    rowLine: init.rowLine,
  };
}

export function columnLength(c: Column): number {
  return c.kind === 'number' ? c.values.length : c.codes.length;
}

/** The line an editor shows for row `i` of this table (chunk-relative index). */
export function lineOfRow(t: Table, i: number): number {
  return t.rowLine ? t.rowLine[i] : t.firstDataLine + t.firstRow + i;
}

export function findColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name);
}

/**
 * The named column, or a user-facing error that names the file, the missing column, and the closest names.
 * `usage` says where the name came from (e.g. `keys file scales.json, scale "demands"`).
 */
export function requireColumn(t: Table, name: string, usage?: string): Column {
  const c = findColumn(t, name);
  if (c) return c;
  const near = closestNames(name, t.columns.map((x) => x.name));
  throw new StaffwellError('unknown-column', `no column named "${name}"${usage ? ` (named in ${usage})` : ''}`, {
    file: t.source,
    value: name,
    hint: near.length
      ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Column names are case-sensitive`
      : 'check the column names in the header line',
  });
}

/** A numeric column by name, or an error saying the column is text. */
export function requireNumeric(t: Table, name: string, usage?: string): NumericColumn {
  const c = requireColumn(t, name, usage);
  if (c.kind === 'number') return c;
  let firstText: string | undefined;
  for (let i = 0; i < c.codes.length; i++) {
    if (c.codes[i] >= 0) {
      firstText = c.dictionary[c.codes[i]];
      break;
    }
  }
  if (firstText === undefined) {
    throw new StaffwellError('not-numeric', 'column has no answers (it is empty in every row) where numbers are needed', {
      file: t.source,
      column: name,
      hint: 'check that this is the right column (an SPSS string variable with no values reads as empty)',
    });
  }
  throw new StaffwellError('not-numeric', 'column holds text where numbers are needed', {
    file: t.source,
    column: name,
    value: firstText,
    hint: textAnswerHint(firstText),
  });
}

/** Up to two names within edit distance 2 (or sharing a case-insensitive match). */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const scored = candidates
    .map((c) => ({ c, d: c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, 2).map((x) => x.c);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Concatenates chunks of one file (same columns, in file order) into one table. */
export function concatTables(chunks: readonly Table[]): Table {
  if (chunks.length === 1) return chunks[0];
  if (chunks.length === 0) throw new Error('concatTables: no chunks');
  const first = chunks[0];
  const nrows = chunks.reduce((s, t) => s + t.nrows, 0);
  const columns: Column[] = first.columns.map((c0, j) => {
    if (c0.kind === 'number') {
      const values = new Float64Array(nrows);
      let off = 0;
      for (const t of chunks) {
        const c = t.columns[j] as NumericColumn;
        values.set(c.values, off);
        off += c.values.length;
      }
      return { ...c0, values };
    }
    // Text: re-encode against a merged dictionary.
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(nrows);
    let off = 0;
    for (const t of chunks) {
      const c = t.columns[j];
      if (c.kind !== 'text') throw new Error(`concatTables: column ${c.name} changes kind between chunks`);
      const remap = c.dictionary.map((s) => {
        let k = index.get(s);
        if (k === undefined) {
          k = dictionary.length;
          dictionary.push(s);
          index.set(s, k);
        }
        return k;
      });
      for (let i = 0; i < c.codes.length; i++) codes[off + i] = c.codes[i] < 0 ? -1 : remap[c.codes[i]];
      off += c.codes.length;
    }
    return { ...c0, codes, dictionary };
  });
  const needLines = chunks.some((t) => t.rowLine);
  let rowLine: Int32Array | undefined;
  if (needLines) {
    rowLine = new Int32Array(nrows);
    let off = 0;
    for (const t of chunks) {
      for (let i = 0; i < t.nrows; i++) rowLine[off + i] = lineOfRow(t, i);
      off += t.nrows;
    }
  }
  return { source: first.source, nrows, columns, firstRow: first.firstRow, firstDataLine: first.firstDataLine, rowLine };
}

/** The text of row `i` in a text column, or undefined if missing. */
export function textAt(c: TextColumn, i: number): string | undefined {
  const k = c.codes[i];
  return k < 0 ? undefined : c.dictionary[k];
}
