import { caseComparisonRows, sideBySideRows, statisticsByThemesRows } from '../mixed/display-tables.ts';
import type { JointDisplayJson } from '../study/study-results.ts';
import type { ReportTable } from './report-model.ts';

/**
 * A joint display of the study's results (`joint_displays`, from `mixed:` in the study file) as a report table:
 * the same cells the CLI prints and exports (src/mixed/display-tables.ts), with a note on what is suppressed.
 */
export function jointDisplayTable(j: JointDisplayJson): { heading: string; table: ReportTable } {
  const d = j.display;
  const [head, ...rows] = d.display === 'statistics-by-themes' ? statisticsByThemesRows(d) : d.display === 'case-comparison' ? caseComparisonRows(d) : sideBySideRows(d);
  const columns = head.map((label) => ({ label, align: 'left' as const }));
  const notes: string[] = [];
  if (d.display !== 'side-by-side') notes.push(`Scores over fewer than ${d.minGroup} participants, and counts of fewer (or that would let one be worked out), are not shown.`);
  if (d.display === 'side-by-side') {
    const fits = Object.entries(d.fits).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`);
    if (fits.length) notes.push(`Fit of the rows: ${fits.join(', ')} (Fetters, Curry & Creswell, 2013).`);
    if (!rows.length) notes.push('No rows yet: add them with staffwell mixed row PROJECT add, then run the study again.');
  }
  const heading =
    d.display === 'statistics-by-themes'
      ? `Statistics by ${d.unit}`
      : d.display === 'case-comparison'
        ? `Case comparison: ${d.unit} by ${d.by.label}`
        : `Side by side: ${d.name}`;
  return { heading, table: { kind: 'table', title: j.id === d.display ? heading : `${heading} (${j.id})`, columns, rows, notes } };
}
