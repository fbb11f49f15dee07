import * as Plot from '@observablehq/plot';
import type { CorrelationResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { fmtUnit } from './format-number.ts';

interface Cell {
  x: string;
  y: string;
  r: number;
  p: number;
}

const RAMP = [-1, -0.6, -0.2, 0.2, 0.6, 1];

/**
 * Correlation matrix as a heat map (lower triangle, diagonal left out), r in each cell (APA: no leading zero),
 * a diverging colour scale from −1 to 1; * marks p < .05 (unadjusted).
 */
export function correlationHeatmap(result: CorrelationResult, labels: ChartLabels = plainLabels): Chart {
  const names = result.scores.map((s) => labels.score(s));
  const index = new Map(result.scores.map((s, i) => [s, i]));
  const cells: Cell[] = [];
  for (const p of result.pairs) {
    let i = index.get(p.x)!;
    let j = index.get(p.y)!;
    if (i < j) [i, j] = [j, i];
    cells.push({ x: names[j], y: names[i], r: typeof p.result.estimate === 'number' ? p.result.estimate : NaN, p: p.result.p });
  }
  const maxLabel = Math.max(...names.map((n) => n.length));
  const size = Math.max(28, Math.min(56, Math.floor((CHART_WIDTH - 14 - 6 * maxLabel) / Math.max(1, names.length - 1))));
  const colors = Plot.scale({ color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1] } });
  const strongest = cells.filter((c) => Number.isFinite(c.r)).sort((a, b) => Math.abs(b.r) - Math.abs(a.r))[0];
  const method = result.method === 'spearman' ? 'Spearman' : 'Pearson';
  return {
    id: `${result.id}.correlation-heatmap`,
    kind: 'correlation-heatmap',
    title: `${method} correlations`,
    alt: `Heat map of the ${method} correlations between ${names.join(', ')}${strongest ? `; the strongest is r = ${fmtUnit(strongest.r)} between ${strongest.x} and ${strongest.y}` : ''}.`,
    notes: [`${method} r in each cell; * p < .05 (unadjusted). Blue: positive, red: negative.`],
    legend: { title: 'r', items: RAMP.map((v) => ({ label: fmtUnit(v, 1), color: colors.apply(v) as string })) },
    plot: {
      width: Math.min(CHART_WIDTH, 14 + 6 * maxLabel + size * (names.length - 1) + 20),
      height: 20 + size * (names.length - 1) + 4.5 * maxLabel,
      marginLeft: 14 + 6 * maxLabel,
      marginBottom: 4.5 * maxLabel,
      marginTop: 10,
      x: { domain: names.slice(0, -1), label: null, tickRotate: -40 },
      y: { domain: names.slice(1), label: null },
      color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1] },
      marks: [
        Plot.cell(cells, { x: 'x', y: 'y', fill: 'r', inset: 0.5 }),
        Plot.text(cells, {
          x: 'x',
          y: 'y',
          text: (c: Cell) => `${fmtUnit(c.r)}${c.p < 0.05 ? '*' : ''}`,
          fill: (c: Cell) => (Math.abs(c.r) > 0.6 ? 'white' : 'black'),
          fontSize: 9,
        }),
      ],
    },
  };
}
