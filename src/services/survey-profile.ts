import { scanTable, tableFormat, type ReadTableOptions } from '../data/read-table.ts';
import { readSavMetadata } from '../data/sav.ts';
import type { SavMissing } from '../data/sav-dictionary.ts';
import { TableProfile, type ColumnProfile } from '../data/table-profile.ts';
import type { InstrumentSuggestion } from '../instruments/suggest-instruments.ts';
import { instrumentSuggest } from './instruments.ts';

export interface SurveyProfileColumn extends ColumnProfile {
  /** SPSS: the user-missing values the file declares for the variable (`-9`, `97 thru 99`), already missing. */
  userMissing?: string[];
}

export interface SurveyProfile {
  /** The file as named. */
  source: string;
  format: 'csv' | 'xlsx' | 'sav';
  rows: number;
  columns: SurveyProfileColumn[];
  /** The first rows as text (null = missing). */
  head: (string | null)[][];
  /** Built-in instruments that runs of the columns look like. */
  suggestions: InstrumentSuggestion[];
}

/**
 * A look at a survey file (CSV/TSV, XLSX, SAV/ZSAV) before any analysis: each column's kind, missing cells, range,
 * distinct values and labels, the first rows, and which instruments the column names look like. One streamed pass
 * over a CSV (bounded memory: nothing per row is kept), so it serves a file of any size.
 */
export async function surveyProfile(data: string, options: ReadTableOptions & { headRows?: number } = {}): Promise<SurveyProfile> {
  const { headRows, ...read } = options;
  const format = tableFormat(data);
  let profile = new TableProfile(headRows);
  // a column read as numbers from its first rows that holds text further down: the scan starts again
  await scanTable(data, { ...read, onRestart: () => (profile = new TableProfile(headRows)) }, (chunk) => profile.add(chunk));
  const { rows, columns, head } = profile.result();
  // SPSS: what the file declares beyond the table: user-missing values, and the value labels of string variables
  const variables = format === 'sav' ? new Map(readSavMetadata(data).variables.map((v) => [v.name, v])) : undefined;
  return {
    source: data,
    format,
    rows,
    columns: columns.map((c): SurveyProfileColumn => {
      const v = variables?.get(c.name);
      if (!v) return c;
      const codes = describeSavMissing(v.missing);
      const labels = !c.valueLabels && v.valueLabels.length ? { valueLabels: v.valueLabels.map((l) => ({ value: l.value, label: l.label })) } : {};
      return { ...c, ...labels, ...(codes.length ? { userMissing: codes } : {}) };
    }),
    head,
    suggestions: instrumentSuggest(columns.map((c) => c.name)),
  };
}

/** SPSS's declared missing values as the user wrote them: discrete values, and a range as `97 thru 99` (LO/HI). */
function describeSavMissing(m: SavMissing): string[] {
  const out = m.values.map(String);
  if (m.range) {
    const [lo, hi] = m.range;
    out.unshift(`${lo === -Infinity ? 'LO' : lo} thru ${hi === Infinity ? 'HI' : hi}`);
  }
  return out;
}
