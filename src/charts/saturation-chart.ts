import * as Plot from '@observablehq/plot';
import type { SaturationPoint } from '../qual/saturation.ts';
import { CHART_WIDTH, type Chart } from './chart.ts';
import { OKABE_ITO } from './palette.ts';

/**
 * Saturation curve: documents in coding order, the cumulative number of distinct codes (line) and the codes used
 * for the first time in each document (bars). A flattening line suggests few new codes in the later documents.
 */
export function saturationChart(points: readonly SaturationPoint[], id = 'saturation'): Chart {
  const rows = points.map((p, i) => ({ doc: `${i + 1}. ${p.name}`, cumulative: p.cumulative, fresh: p.newCodes.length }));
  const docs = rows.map((r) => r.doc);
  const maxLabel = Math.max(...docs.map((d) => d.length), 4);
  const total = rows.length ? rows[rows.length - 1].cumulative : 0;
  const lastNew = rows.map((r) => r.fresh);
  return {
    id,
    kind: 'saturation',
    title: 'Saturation: distinct codes as documents are coded',
    alt: `Over ${rows.length} documents the number of distinct codes rises to ${total}; new codes per document: ${lastNew.join(', ')}.`,
    notes: ['Line: distinct codes so far; bars: codes used for the first time in that document.'],
    legend: {
      title: '',
      items: [
        { label: 'Distinct codes so far', color: OKABE_ITO.blue },
        { label: 'New codes in the document', color: OKABE_ITO.orange },
      ],
    },
    plot: {
      width: CHART_WIDTH,
      height: 240 + 4 * maxLabel,
      marginBottom: 30 + 4 * maxLabel,
      marginLeft: 50,
      x: { type: 'point', domain: docs, label: 'Document (coding order)', tickRotate: -35, padding: 0.5 },
      y: { domain: [0, Math.max(1, total)], label: 'Codes (count)', grid: true, nice: true },
      marks: [
        Plot.ruleX(rows, { x: 'doc', y1: 0, y2: 'fresh', stroke: OKABE_ITO.orange, strokeWidth: 14, strokeOpacity: 0.8 }),
        Plot.line(rows, { x: 'doc', y: 'cumulative', stroke: OKABE_ITO.blue, strokeWidth: 2 }),
        Plot.dot(rows, { x: 'doc', y: 'cumulative', fill: OKABE_ITO.blue, r: 3.5 }),
        Plot.ruleY([0]),
      ],
    },
  };
}
