import * as Plot from '@observablehq/plot';
import type { ReliabilityResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { OKABE_ITO } from './palette.ts';
import { fmtUnit } from './format-number.ts';

interface ItemRow {
  row: string;
  measure: string;
  value: number;
  alpha: number;
}

const REST = 'Item–rest correlation';
const DROP = 'Cronbach’s α if item dropped';

/**
 * Reliability item statistics: per item, the item–rest correlation (psych r.drop) and alpha if the item is
 * dropped, side by side on one scale; a tick marks the scale's own alpha beside alpha-if-dropped (an item whose
 * dot lies right of the tick lowers alpha).
 */
export function itemStatisticsChart(result: ReliabilityResult, labels: ChartLabels = plainLabels): Chart {
  const multi = result.scales.length > 1;
  const data: ItemRow[] = [];
  const rows: string[] = [];
  for (const s of result.scales) {
    for (const st of s.item_stats) {
      const row = `${multi ? `${labels.score(`${result.instrument}.${s.name}`)} · ` : ''}${st.item}${st.reversed ? ' (R)' : ''}`;
      rows.push(row);
      data.push({ row, measure: REST, value: st.r_drop, alpha: NaN });
      data.push({ row, measure: DROP, value: st.alpha_if_dropped, alpha: s.raw_alpha });
    }
  }
  const finite = data.flatMap((d) => [d.value, d.alpha]).filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const maxLabel = Math.max(...rows.map((r) => r.length));
  const rest = data.filter((d) => d.measure === REST && Number.isFinite(d.value));
  const lowest = rest.reduce<ItemRow | null>((m, d) => (m === null || d.value < m.value ? d : m), null);
  return {
    id: `${result.id}.item-statistics`,
    kind: 'item-statistics',
    title: `Item statistics of ${labels.score(result.instrument)}`,
    alt: `For each of ${rows.length} items of ${labels.score(result.instrument)}: the item–rest correlation and Cronbach's alpha if the item were dropped, with the scale's alpha (${result.scales.map((s) => `${s.name} ${fmtUnit(s.raw_alpha)}`).join('; ')}) marked. ${lowest ? `The lowest item–rest correlation is ${fmtUnit(lowest.value)} (${lowest.row}).` : ''}`,
    notes: ['The grey tick is the scale’s alpha with every item; an item whose α-if-dropped lies to its right lowers alpha.'],
    legend: null,
    plot: {
      width: CHART_WIDTH,
      height: 50 + 18 * rows.length,
      marginLeft: Math.min(260, 12 + 6 * maxLabel),
      marginRight: 20,
      x: { domain: [lo, 1], label: 'Coefficient (no unit)', grid: true },
      y: { domain: rows, label: null, tickSize: 0, round: true },
      fx: { domain: [REST, DROP], label: null },
      marks: [
        Plot.ruleX([0], { stroke: '#999' }),
        Plot.tickX(data.filter((d) => d.measure === DROP), { fx: 'measure', y: 'row', x: 'alpha', stroke: '#888', strokeWidth: 2 }),
        Plot.ruleY(data, { fx: 'measure', y: 'row', x1: 0, x2: 'value', stroke: OKABE_ITO.blue, strokeOpacity: 0.35 }),
        Plot.dot(data, { fx: 'measure', y: 'row', x: 'value', fill: OKABE_ITO.blue, r: 3.5 }),
      ],
    },
  };
}
