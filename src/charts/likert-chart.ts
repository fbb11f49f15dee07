import * as Plot from '@observablehq/plot';
import type { ReliabilityResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { divergingColors } from './palette.ts';
import { fmt } from './format-number.ts';

interface Segment {
  row: string;
  value: string;
  x1: number;
  x2: number;
  percent: number;
}

/**
 * Likert item distributions as diverging stacked bars: one bar per item (scales and items in keys order), the
 * answers below the middle of the response range to the left of 0, those above to the right, a middle answer
 * split across 0. Reversed items are marked "(R)"; answers are shown as coded in the data, before reversal.
 * Null when the reliability result has no response counts (items with more than 10 distinct values).
 */
export function likertChart(result: ReliabilityResult, labels: ChartLabels = plainLabels): Chart | null {
  const scales = result.scales.filter((s) => s.responses !== null);
  if (scales.length === 0) return null;
  const values = [...new Set(scales.flatMap((s) => s.responses!.values))].sort((a, b) => a - b);
  const k = values.length;
  const colors = divergingColors(k);
  const valueLabels = values.map((v) => String(v));
  const segments: Segment[] = [];
  const rows: string[] = [];
  const multi = scales.length > 1;
  for (const s of scales) {
    const r = s.responses!;
    s.items.forEach((item, i) => {
      const row = `${multi ? `${labels.score(`${result.instrument}.${s.name}`)} · ` : ''}${item}${s.reversed.includes(item) ? ' (R)' : ''}`;
      rows.push(row);
      const byValue = new Map(r.values.map((v, j) => [v, r.counts[i][j]]));
      const counts = values.map((v) => byValue.get(v) ?? 0);
      const n = counts.reduce((a, b) => a + b, 0);
      const pct = counts.map((c) => (n > 0 ? (100 * c) / n : 0));
      const mid = k % 2 === 1 ? (k - 1) / 2 : -1;
      const half = mid >= 0 ? pct[mid] / 2 : 0;
      // left side: from the middle outwards
      let edge = -half;
      for (let j = (mid >= 0 ? mid : k / 2) - 1; j >= 0; j--) {
        segments.push({ row, value: valueLabels[j], x1: edge - pct[j], x2: edge, percent: pct[j] });
        edge -= pct[j];
      }
      if (mid >= 0) segments.push({ row, value: valueLabels[mid], x1: -half, x2: half, percent: pct[mid] });
      edge = half;
      for (let j = mid >= 0 ? mid + 1 : k / 2; j < k; j++) {
        segments.push({ row, value: valueLabels[j], x1: edge, x2: edge + pct[j], percent: pct[j] });
        edge += pct[j];
      }
    });
  }
  const maxLabel = Math.max(...rows.map((r) => r.length));
  const title = `Answers to the ${labels.score(result.instrument)} items`;
  const low = valueLabels.slice(0, Math.floor(k / 2)).join(', ');
  const high = valueLabels.slice(Math.ceil(k / 2)).join(', ');
  const plot: Plot.PlotOptions = {
    width: CHART_WIDTH,
    height: 40 + 18 * rows.length,
    marginLeft: Math.min(260, 12 + 6 * maxLabel),
    marginRight: 20,
    marginTop: 6,
    x: { label: `← answers ${low} (% of answers) · answers ${high} →`, labelAnchor: 'center', tickFormat: (d: number) => `${Math.abs(d)}`, grid: true },
    y: { label: null, domain: rows },
    color: { domain: valueLabels, range: colors },
    marks: [
      Plot.barX(segments, { y: 'row', x1: 'x1', x2: 'x2', fill: 'value', inset: 0.5 }),
      Plot.ruleX([0], { stroke: 'black' }),
      Plot.text(
        segments.filter((s) => s.percent >= 8),
        {
          y: 'row',
          x: (s: Segment) => (s.x1 + s.x2) / 2,
          text: (s: Segment) => fmt(s.percent, 0),
          fill: (s: Segment) => (k >= 4 && (s.value === valueLabels[0] || s.value === valueLabels[k - 1]) ? 'white' : 'black'),
          fontSize: 9,
        },
      ),
    ],
  };
  const items = rows.length;
  return {
    id: `${result.id}.likert`,
    kind: 'likert',
    title,
    alt: `Diverging stacked bars of the answers to ${items} items of ${labels.score(result.instrument)}, ${scales.length} scale${scales.length > 1 ? 's' : ''}, answers coded ${valueLabels.join(', ')}; lower codes to the left of zero, higher to the right${k % 2 ? ', the middle code split across zero' : ''}. Reversed items are marked (R).`,
    notes: ['Answers as coded in the data, before reversal; (R) marks a reversed item. Percentages of the item\'s answers.'],
    legend: { title: 'Answer (code)', items: valueLabels.map((label, j) => ({ label, color: colors[j] })) },
    plot,
  };
}
