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

/** Degrees the x labels turn when they do not fit their columns. */
const ROTATE = 40;

/** A label's width in px at Plot's 10 px tick font, estimated: ~7 px a capital or digit, ~6 px anything else. */
function textWidth(s: string): number {
  let w = 0;
  for (const c of s) w += /[A-Z0-9]/.test(c) ? 7 : 6;
  return w;
}

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
  const yNames = names.slice(1);
  const xNames = names.slice(0, -1);
  const maxY = Math.max(0, ...yNames.map(textWidth));
  const maxX = Math.max(0, ...xNames.map(textWidth));
  const marginLeft = 14 + maxY;
  const size = Math.max(28, Math.min(56, Math.floor((CHART_WIDTH - marginLeft - 20) / Math.max(1, xNames.length))));
  // x labels level when the longest fits its column, else turned by ROTATE degrees (end at the tick): then a
  // label reaches w·cos left of its tick and w·sin below the axis, and the margins make room for both
  const level = maxX <= size - 4;
  const cos = Math.cos((ROTATE * Math.PI) / 180);
  const sin = Math.sin((ROTATE * Math.PI) / 180);
  const reachLeft = level ? 0 : Math.max(0, ...xNames.map((n, i) => textWidth(n) * cos - (i + 0.5) * size));
  const marginBottom = level ? 24 : Math.ceil(14 + maxX * sin);
  const left = Math.max(marginLeft, Math.ceil(reachLeft + 8));
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
      width: Math.min(CHART_WIDTH, left + size * xNames.length + 20),
      height: 10 + size * yNames.length + marginBottom,
      marginLeft: left,
      marginBottom,
      marginTop: 10,
      x: { domain: xNames, label: null, tickRotate: level ? 0 : -ROTATE },
      y: { domain: yNames, label: null },
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
