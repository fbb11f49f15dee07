import * as Plot from '@observablehq/plot';
import type { BenchmarkBand, BenchmarkResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { MUTED, sequentialColors } from './palette.ts';
import { fmt } from './format-number.ts';

interface BandRect {
  scale: string;
  band: string;
  x1: number;
  x2: number;
}

/**
 * Domain means against the benchmark norm's percentile bands (e.g. the HSE Indicator Tool's bands), bands as
 * shaded ranges behind each domain's mean. Open-ended bands run to the edge of the axis. Scales without bands are
 * listed with their mean only.
 */
export function benchmarkChart(result: BenchmarkResult, labels: ChartLabels = plainLabels): Chart {
  const names = result.scales.map((s) => labels.score(`${result.instrument}.${s.scale}`));
  const bounds = result.scales.flatMap((s) => [s.mean, ...s.bands.flatMap((b) => [b.min, b.max, b.above, b.below])]).filter((x): x is number => x !== null && Number.isFinite(x));
  const lo0 = Math.min(...bounds);
  const hi0 = Math.max(...bounds);
  const pad = (hi0 - lo0) * 0.05 || 0.5;
  const lo = lo0 - pad;
  const hi = hi0 + pad;
  const bandOrder: string[] = [];
  for (const s of result.scales) for (const b of s.bands) if (!bandOrder.includes(b.label)) bandOrder.push(b.label);
  const colors = sequentialColors(bandOrder.length);
  const rects: BandRect[] = result.scales.flatMap((s, i) =>
    s.bands.map((b: BenchmarkBand) => ({ scale: names[i], band: b.label, x1: b.min ?? b.above ?? lo, x2: b.max ?? b.below ?? hi })),
  );
  // a suppressed domain mean (too few respondents have the score) is labelled, never a dot
  const means = result.scales.flatMap((s, i) => (s.suppressed ? [] : [{ scale: names[i], mean: s.mean, band: s.band }]));
  const hidden = names.filter((_, i) => result.scales[i].suppressed);
  const maxLabel = Math.max(...names.map((n) => n.length));
  return {
    id: `${result.id}.benchmark-bands`,
    kind: 'benchmark-bands',
    title: `${labels.score(result.instrument)} domains against the benchmark`,
    alt: `Mean of each domain of ${labels.score(result.instrument)} with the benchmark's bands behind it: ${means
      .map((m) => `${m.scale} ${fmt(m.mean)}${m.band ? ` (${m.band})` : ''}`)
      .join('; ')}${hidden.length ? `; suppressed: ${hidden.join(', ')}` : ''}.`,
    notes: [`Benchmark: ${result.norms.join(', ')}. Shaded ranges are the norm's bands; the dot is the sample mean.`, ...(hidden.length ? [`Suppressed (fewer respondents have the score than the study's minimum group size): ${hidden.join(', ')}.`] : []), ...result.caveats],
    legend: { title: 'Benchmark band', items: bandOrder.map((label, i) => ({ label, color: colors[i] })) },
    plot: {
      width: CHART_WIDTH,
      height: 50 + 28 * names.length,
      marginLeft: Math.min(260, 14 + 6 * maxLabel),
      marginRight: 20,
      x: { domain: [lo, hi], label: 'Domain mean score', grid: false },
      y: { domain: names, label: null, tickSize: 0, round: true },
      color: { domain: bandOrder, range: colors },
      marks: [
        Plot.barX(rects, { y: 'scale', x1: 'x1', x2: 'x2', fill: 'band', inset: 1 }),
        Plot.dot(means, { y: 'scale', x: 'mean', fill: 'black', r: 4.5, stroke: 'white' }),
        Plot.text(means, { y: 'scale', x: 'mean', text: (m: { mean: number }) => fmt(m.mean), dy: -10, fontSize: 9 }),
        Plot.text(hidden, { y: (d: string) => d, frameAnchor: 'left', dx: 6, text: () => 'suppressed', fill: MUTED, fontStyle: 'italic', textAnchor: 'start' }),
      ],
    },
  };
}
