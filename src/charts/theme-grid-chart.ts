import * as Plot from '@observablehq/plot';
import type { themeRecurrence } from '../qual/themes.ts';
import { CHART_WIDTH, type Chart } from './chart.ts';
import { OKABE_ITO } from './palette.ts';

export type ThemeRecurrence = Awaited<ReturnType<typeof themeRecurrence>>;

interface Cell {
  theme: string;
  participant: string;
  present: boolean;
}

/**
 * Theme × participant recurrence grid (IPA): a filled cell where the participant contributes to the theme, the
 * count of participants per theme at the right. Subthemes follow their theme, marked ›.
 */
export function themeGridChart(rec: ThemeRecurrence, id = 'theme-recurrence'): Chart {
  const themes = rec.rows.map((r) => `${r.depth > 0 ? `${'›'.repeat(r.depth)} ` : ''}${r.name}`);
  const cells: Cell[] = rec.rows.flatMap((r, i) => rec.participants.map((p, j) => ({ theme: themes[i], participant: p, present: r.present[j] })));
  const maxLabel = Math.max(...themes.map((t) => t.length), 4);
  const maxP = Math.max(...rec.participants.map((p) => p.length), 2);
  const size = Math.max(18, Math.min(36, Math.floor((CHART_WIDTH - 60 - 6 * maxLabel) / Math.max(1, rec.participants.length))));
  const counts = rec.rows.map((r, i) => ({ theme: themes[i], text: `${r.count}/${rec.participants.length}` }));
  return {
    id,
    kind: 'theme-grid',
    title: 'Themes across participants',
    alt: `Grid of ${rec.rows.length} themes by ${rec.participants.length} participants: ${rec.rows.map((r) => `${r.name} ${r.count} of ${rec.participants.length}`).join('; ')}.`,
    notes: ['A filled cell: the participant contributes at least one coded segment to the theme (recurrence across cases). Pseudonymised ids.'],
    legend: null,
    plot: {
      width: Math.min(CHART_WIDTH + 200, 14 + 6 * maxLabel + size * rec.participants.length + 60),
      height: 30 + size * 0.8 * themes.length + 6 * maxP,
      marginLeft: 14 + 6 * maxLabel,
      marginRight: 50,
      marginBottom: 10 + 6 * maxP,
      x: { domain: rec.participants, label: null, tickRotate: maxP > 4 ? -40 : 0 },
      y: { domain: themes, label: null },
      marks: [
        Plot.cell(cells, { x: 'participant', y: 'theme', fill: (c: Cell) => (c.present ? OKABE_ITO.blue : '#F0F0F0'), inset: 1 }),
        Plot.text(counts, { y: 'theme', frameAnchor: 'right', dx: 44, text: 'text', textAnchor: 'end' }),
      ],
    },
  };
}
