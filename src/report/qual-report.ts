/**
 * The qualitative part of a report: the theme table with participant recurrence, key quotes per theme
 * (pseudonymised text as stored in the project; the project is read without its key file), the code × site
 * matrix, and the theme grid, code-frequency and saturation charts.
 */
import type { CodeMatrix } from '../qual/matrices.ts';
import type { SaturationPoint } from '../qual/saturation.ts';
import type { ThemeTable } from '../qual/themes.ts';
import { codeFrequencyChart } from '../charts/code-frequency-chart.ts';
import { saturationChart } from '../charts/saturation-chart.ts';
import { themeGridChart, type ThemeRecurrence } from '../charts/theme-grid-chart.ts';
import type { ReportBlock } from './report-model.ts';

export interface QualReportData {
  /** The project's file name (no path). */
  project: string;
  documents: number;
  recurrence: ThemeRecurrence;
  /** The top-level themes as tables (codes, participants, key quotes). */
  themes: ThemeTable[];
  /** Code × site matrix. */
  matrix: CodeMatrix;
  saturation: SaturationPoint[];
}

/** Headings come without ids (the study report gives them). */
export function qualBlocks(q: QualReportData): ReportBlock[] {
  const out: ReportBlock[] = [];
  const total = q.recurrence.participants.length;
  out.push({
    kind: 'paragraph',
    text: `The qualitative project ${q.project} holds ${q.documents} documents from ${total} participants. Participants are named by their pseudonymised ids; quotes are the pseudonymised text stored in the project (the key file is not read).`,
  });
  out.push({ kind: 'heading', level: 2, text: 'Themes and their recurrence', id: '' });
  out.push({
    kind: 'table',
    title: 'Themes and the participants who contribute to them',
    columns: [
      { label: 'Theme', align: 'left' },
      { label: 'Participants', align: 'left' },
      { label: 'Recurrence', align: 'right' },
    ],
    rows: q.recurrence.rows.map((r) => [`${r.depth ? `${'  '.repeat(r.depth)}› ` : ''}${r.name}`, q.recurrence.participants.filter((_, j) => r.present[j]).join(', '), `${r.count}/${total}`]),
    notes: ['Recurrence: participants with at least one coded segment in the theme (or its subthemes), of all participants.'],
  });
  out.push({ kind: 'figure', chart: themeGridChart(q.recurrence) });
  for (const t of q.themes) {
    if (t.keyQuotes.length === 0) continue;
    out.push({ kind: 'heading', level: 3, text: t.theme.name, id: '' });
    if (t.theme.description) out.push({ kind: 'paragraph', text: t.theme.description });
    for (const quote of t.keyQuotes) out.push({ kind: 'quote', text: quote.text, source: `${quote.participantId ?? 'unattributed'}, ${quote.documentName} (${quote.code})` });
  }
  out.push({ kind: 'heading', level: 2, text: 'Codes by site', id: '' });
  const cols = q.matrix.cols.map((c) => c.label);
  out.push({
    kind: 'table',
    title: 'Coded segments per code and site',
    columns: [{ label: 'Code', align: 'left' }, ...cols.map((c) => ({ label: c, align: 'right' as const })), { label: 'Total', align: 'right' }],
    rows: q.matrix.rows.map((r, i) => {
      const counts = cols.map((_, j) => q.matrix.counts[i * cols.length + j]);
      return [r.label, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
    }),
    notes: ['Segments count for the site of their document (or of their participant).'],
  });
  out.push({ kind: 'figure', chart: codeFrequencyChart(q.matrix) });
  out.push({ kind: 'heading', level: 2, text: 'Saturation', id: '' });
  out.push({ kind: 'figure', chart: saturationChart(q.saturation) });
  return out;
}
