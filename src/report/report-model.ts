/**
 * A report as data: headings, paragraphs, APA tables, figures (charts), quotes. Built once from the results
 * (study-report.ts, qual-report.ts) and printed by each writer (report-html.ts, report-docx.ts; the PDF is the
 * HTML printed by Chromium), so the three formats say the same thing. Text is plain: writers escape it.
 */
import type { Chart } from '../charts/chart.ts';

export type Align = 'left' | 'right';

export interface ReportTable {
  kind: 'table';
  /** Numbered in order by the writers ("Table 1"). */
  title: string;
  columns: { label: string; align: Align }[];
  rows: string[][];
  /** Rows that start a group (bold first cell, e.g. a scale name over its groups). */
  groupRows?: number[];
  /** APA table notes ("Note. ..."), each a sentence or two. */
  notes: string[];
}

export interface ReportFigure {
  kind: 'figure';
  chart: Chart;
}

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string; source: string }
  | ReportTable
  | ReportFigure;

export interface Report {
  title: string;
  /** Under the title: what the data are, which software made the report. */
  subtitle: string;
  /** The date the report was made (ISO date; tests fix it). */
  date: string;
  blocks: ReportBlock[];
}

/** Table and figure numbers in document order. */
export function numberBlocks(blocks: readonly ReportBlock[]): Map<ReportBlock, number> {
  const m = new Map<ReportBlock, number>();
  let t = 0;
  let f = 0;
  for (const b of blocks) {
    if (b.kind === 'table') m.set(b, ++t);
    else if (b.kind === 'figure') m.set(b, ++f);
  }
  return m;
}

/** An id for a heading anchor from its text. */
export function slug(text: string, used: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/**
 * A suppressed group's cell. The results say which groups are small themselves (n "<10": a primary suppression)
 * and which are hidden only so that a small one cannot be worked out from a total (a complementary one): the
 * first read "suppressed (n < 10)", the second plain "suppressed", as the charts label them. Never a number.
 */
export function suppressedCell(n: number | string | null): string {
  return typeof n === 'string' && n.startsWith('<') ? `suppressed (n < ${n.slice(1)})` : 'suppressed';
}

/** Whether a table cell is a suppressed group's (the writers set it in italics). */
export function isSuppressedCell(cell: string): boolean {
  return cell === 'suppressed' || cell.startsWith('suppressed (');
}
