import * as Plot from '@observablehq/plot';
import type { CodeMatrix } from '../qual/matrices.ts';
import { CHART_WIDTH, type Chart } from './chart.ts';
import { sequentialColors } from './palette.ts';

interface Cell {
  code: string;
  col: string;
  count: number;
}

/** Code frequencies by site or participant: a grid of coded-segment counts (darker = more), the count in each cell. */
export function codeFrequencyChart(m: CodeMatrix, id = `codes-by-${m.by}`): Chart {
  const codes = m.rows.map((r) => r.label);
  const cols = m.cols.map((c) => c.label);
  const cells: Cell[] = [];
  m.rows.forEach((r, i) => m.cols.forEach((c, j) => cells.push({ code: r.label, col: c.label, count: m.counts[i * m.cols.length + j] })));
  const max = Math.max(1, ...cells.map((c) => c.count));
  const maxLabel = Math.max(...codes.map((c) => c.length), 4);
  const maxCol = Math.max(...cols.map((c) => c.length), 4);
  const size = Math.max(24, Math.min(48, Math.floor((CHART_WIDTH - 14 - 6 * maxLabel) / Math.max(1, cols.length))));
  const by = m.by === 'site' ? 'site' : 'participant';
  const totals = m.rows.map((r, i) => ({ code: r.label, total: cells.slice(i * cols.length, (i + 1) * cols.length).reduce((a, c) => a + c.count, 0) }));
  const top = [...totals].sort((a, b) => b.total - a.total).slice(0, 3);
  return {
    id,
    kind: 'code-frequencies',
    title: `Coded segments per code and ${by}`,
    alt: `Grid of the number of coded segments for ${codes.length} codes across ${cols.length} ${by}s; most used: ${top.map((t) => `${t.code} (${t.total})`).join(', ')}.`,
    notes: [`Each cell is the number of segments coded with the code in the ${by}’s data (pseudonymised ids).`],
    legend: null,
    plot: {
      width: Math.min(CHART_WIDTH + 200, 14 + 6 * maxLabel + size * cols.length + 10),
      height: 30 + size * 0.7 * codes.length + 6 * maxCol,
      marginLeft: 14 + 6 * maxLabel,
      marginBottom: 10 + 6 * maxCol,
      x: { domain: cols, label: null, tickRotate: cols.some((c) => c.length > 4) ? -40 : 0 },
      y: { domain: codes, label: null },
      color: { type: 'linear', domain: [0, max], range: [sequentialColors(7)[0], sequentialColors(7)[6]] },
      marks: [
        Plot.cell(cells, { x: 'col', y: 'code', fill: (c: Cell) => c.count, inset: 0.5 }),
        Plot.text(cells.filter((c) => c.count > 0), { x: 'col', y: 'code', text: (c: Cell) => String(c.count), fill: (c: Cell) => (c.count > max * 0.55 ? 'white' : 'black'), fontSize: 9 }),
      ],
    },
  };
}
