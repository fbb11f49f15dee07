/**
 * How the survey data view words a column's summary (pure, so it is tested without a browser). Every text here
 * is rendered by Preact as text.
 */
import type { SurveyProfileColumn } from '../../src/services/survey-profile.ts';

/** The missing-value codes field: codes separated by commas (a code may hold spaces: "Prefer not to say"). */
export function parseCodes(field: string): string[] {
  return [...new Set(field.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Codes as the field shows them. */
export function formatCodes(codes: readonly string[]): string {
  return codes.join(', ');
}

/** `12 (4%)`: missing cells of a column among `rows`. */
export function missingText(missing: number, rows: number): string {
  if (missing === 0 || rows === 0) return String(missing);
  const p = (100 * missing) / rows;
  return `${missing} (${p < 1 ? '<1' : Math.round(p)}%)`;
}

/** `1 – 5 · 5 distinct`, `text · 300 distinct`, `1000+ distinct`: a column's range and its distinct answers. */
export function rangeText(c: Pick<SurveyProfileColumn, 'kind' | 'min' | 'max' | 'distinct' | 'distinctCapped'>): string {
  const distinct = `${c.distinct}${c.distinctCapped ? '+' : ''} distinct`;
  if (c.kind === 'number' && c.min !== undefined && c.max !== undefined) return `${c.min} – ${c.max} · ${distinct}`;
  return c.distinct === 0 ? 'no answers' : distinct;
}

/** `ghq_1 … ghq_12`: a run of columns in a few words. */
export function columnRun(columns: readonly string[]): string {
  if (columns.length <= 3) return columns.join(', ');
  return `${columns[0]} … ${columns[columns.length - 1]}`;
}
