import { readTable, tableFormat, type ReadTableOptions } from '../data/read-table.ts';
import type { Table } from '../data/table.ts';

export interface SurveyColumnSummary {
  name: string;
  /** As read: numbers (declared missing codes already missing) or text. */
  kind: 'number' | 'text';
  /** Cells missing (empty, NA or a declared missing code). */
  missing: number;
  /** Variable label (SPSS) if any. */
  label?: string;
}

export interface SurveyReadResult {
  /** The file as named. */
  source: string;
  format: 'csv' | 'xlsx' | 'sav';
  rows: number;
  columns: SurveyColumnSummary[];
  /** The data, columnar (what every statistic of the library takes). */
  table: Table;
}

/** Reads a whole survey file (CSV/TSV, XLSX, SAV/ZSAV) with the given options, and what is in each column. */
export async function surveyRead(data: string, options: ReadTableOptions = {}): Promise<SurveyReadResult> {
  const format = tableFormat(data);
  const table = await readTable(data, options);
  const columns = table.columns.map((c): SurveyColumnSummary => {
    let missing = 0;
    if (c.kind === 'number') for (const v of c.values) missing += v !== v ? 1 : 0;
    else for (const k of c.codes) missing += k < 0 ? 1 : 0;
    return { name: c.name, kind: c.kind, missing, ...(c.label !== undefined ? { label: c.label } : {}) };
  });
  return { source: data, format, rows: table.nrows, columns, table };
}
