import { parseNumber } from './missing.ts';
import type { Table } from './table.ts';
import { valueCode, valueIndexInit, type ValueIndex } from '../stats/value-index.ts';

/**
 * What a look at a data file shows: per column its kind, missing cells, range and distinct values, and the first
 * rows as text. Built chunk by chunk (`add` each chunk of a scan, in file order), so a file of a million rows is
 * summarised in bounded memory and only the summary and the head leave the server.
 */
export interface ColumnProfile {
  name: string;
  kind: 'number' | 'text';
  /** Cells missing (empty, NA or a declared missing code). */
  missing: number;
  /** Variable label (SPSS) if any. */
  label?: string;
  /** Value labels (SPSS), by value (text for an SPSS string variable). */
  valueLabels?: { value: number | string; label: string }[];
  /** Distinct answers (missing excluded); at most `distinctLimit`, with `distinctCapped` when there are more. */
  distinct: number;
  distinctCapped?: true;
  /** Numbers: the lowest and highest answer (absent when every cell is missing). */
  min?: number;
  max?: number;
  /**
   * Text columns whose answers are mostly numbers: the answers that are not (up to 5, with the rows holding any),
   * which are often missing-value codes ("N/A", "refused") that kept the column from being read as numbers.
   */
  notNumbers?: { rows: number; values: string[] };
}

export interface TableProfileResult {
  rows: number;
  columns: ColumnProfile[];
  /** The first rows, one string per column (null = missing), numbers as JavaScript prints them. */
  head: (string | null)[][];
}

/** Distinct values counted per column before giving up (a free-text or id column has one per row). */
const DISTINCT_LIMIT = 1000;
const NOT_NUMBER_EXAMPLES = 5;
/** Whole numbers in [-1024, 1024) are flagged in an array rather than hashed. */
const DENSE_OFFSET = 1024;
const DENSE = 2048;

interface TextState {
  seen: Set<string>;
  capped: boolean;
  /** Rows whose answer reads as a number, and rows whose answer does not. */
  numeric: number;
  other: number;
  otherValues: string[];
}

/** Accumulates a `TableProfileResult` over the chunks of one file (all with the same columns). */
export class TableProfile {
  private rows = 0;
  private readonly head: (string | null)[][] = [];
  private columns: { missing: number; min: number; max: number; index?: ValueIndex; dense?: Uint8Array; text?: TextState }[] = [];
  private first: Table | undefined;

  constructor(private readonly headRows = 20) {}

  add(chunk: Table): void {
    if (!this.first) {
      this.first = chunk;
      this.columns = chunk.columns.map((c) =>
        c.kind === 'number'
          ? { missing: 0, min: Infinity, max: -Infinity, index: valueIndexInit(DISTINCT_LIMIT + 1), dense: new Uint8Array(DENSE) }
          : { missing: 0, min: Infinity, max: -Infinity, text: { seen: new Set(), capped: false, numeric: 0, other: 0, otherValues: [] } },
      );
    }
    chunk.columns.forEach((c, j) => {
      const st = this.columns[j];
      if (c.kind === 'number') {
        const v = c.values;
        const ix = st.index!;
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (x !== x) {
            st.missing++;
            continue;
          }
          if (x < st.min) st.min = x;
          if (x > st.max) st.max = x;
          const k = x + DENSE_OFFSET;
          // small whole numbers (answer codes) in a flag array: the hash only for the others
          if (k >= 0 && k < DENSE && (k | 0) === k) st.dense![k] = 1;
          else if (ix.values.length <= DISTINCT_LIMIT) valueCode(ix, x);
        }
        return;
      }
      const t = st.text!;
      // per dictionary entry, once: is it a number, and how many rows hold it
      const counts = new Int32Array(c.dictionary.length);
      for (let i = 0; i < c.codes.length; i++) {
        const k = c.codes[i];
        if (k < 0) st.missing++;
        else counts[k]++;
      }
      c.dictionary.forEach((s, k) => {
        if (counts[k] === 0) return;
        if (!t.capped) {
          t.seen.add(s);
          if (t.seen.size > DISTINCT_LIMIT) t.capped = true;
        }
        if (!Number.isNaN(parseNumber(s))) t.numeric += counts[k];
        else {
          t.other += counts[k];
          if (t.otherValues.length < NOT_NUMBER_EXAMPLES && !t.otherValues.includes(s)) t.otherValues.push(s);
        }
      });
    });
    for (let i = 0; i < chunk.nrows && this.head.length < this.headRows; i++) {
      this.head.push(chunk.columns.map((c) => (c.kind === 'number' ? (c.values[i] !== c.values[i] ? null : String(c.values[i])) : c.codes[i] < 0 ? null : c.dictionary[c.codes[i]])));
    }
    this.rows += chunk.nrows;
  }

  result(): TableProfileResult {
    const first = this.first;
    const columns = (first?.columns ?? []).map((c, j): ColumnProfile => {
      const st = this.columns[j];
      const base: ColumnProfile = { name: c.name, kind: c.kind, missing: st.missing, distinct: 0, ...(c.label !== undefined ? { label: c.label } : {}) };
      if (c.kind === 'number') {
        const n = st.index!.values.length + st.dense!.reduce((a, b) => a + b, 0);
        const out: ColumnProfile = { ...base, distinct: Math.min(n, DISTINCT_LIMIT), ...(n > DISTINCT_LIMIT ? { distinctCapped: true as const } : {}) };
        if (st.min <= st.max) Object.assign(out, { min: st.min, max: st.max });
        if (c.valueLabels?.size) out.valueLabels = [...c.valueLabels].sort((a, b) => a[0] - b[0]).map(([value, label]) => ({ value, label }));
        return out;
      }
      const t = st.text!;
      const out: ColumnProfile = { ...base, distinct: Math.min(t.seen.size, DISTINCT_LIMIT), ...(t.capped ? { distinctCapped: true as const } : {}) };
      if (t.other > 0 && t.numeric > t.other) out.notNumbers = { rows: t.other, values: t.otherValues };
      return out;
    });
    return { rows: this.rows, columns, head: this.head };
  }
}
