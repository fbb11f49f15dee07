import * as Plot from '@observablehq/plot';
import type { PrevalenceResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { OKABE_ITO } from './palette.ts';
import { fmtPercent, pText } from './format-number.ts';

const LABEL_WIDTH = 250;

interface Row {
  label: string;
  percent: number;
  lo: number;
  hi: number;
  kind: 'sample' | 'norm' | 'norm (not comparable)';
  test: string;
}

/**
 * Prevalence (e.g. GHQ-12 caseness) in the sample and in each norm, as a forest plot: point estimates with 95%
 * Wilson intervals (a norm without n has no interval), the exact binomial test of the sample against each norm
 * at the right. Norms whose criterion differs from the study's (or is not known to match) are hollow.
 */
export function prevalenceForestChart(result: PrevalenceResult, labels: ChartLabels = plainLabels): Chart {
  const what = `${labels.score(result.classification)}: ${result.level}`;
  const rows: Row[] = [
    {
      label: `This sample (n = ${result.n})`,
      percent: 100 * result.proportion,
      lo: 100 * result.ci_wilson[0],
      hi: 100 * result.ci_wilson[1],
      kind: 'sample',
      test: `${result.count} of ${result.n}`,
    },
    ...result.comparisons.map((c): Row => ({
      label: `${c.norm.label}${c.norm.n !== null ? ` (n = ${c.norm.n}${c.norm.n_approximate ? ', approx.' : ''})` : ''}`,
      percent: c.norm.percent,
      lo: c.norm.ci_wilson ? 100 * c.norm.ci_wilson[0] : NaN,
      hi: c.norm.ci_wilson ? 100 * c.norm.ci_wilson[1] : NaN,
      kind: c.comparable ? 'norm' : 'norm (not comparable)',
      test: `binomial ${pText(c.binomial.p)}`,
    })),
  ];
  const labelsY = rows.map((r) => r.label);
  const color = { sample: OKABE_ITO.vermillion, norm: OKABE_ITO.blue, 'norm (not comparable)': OKABE_ITO.blue };
  const withCi = rows.filter((r) => Number.isFinite(r.lo));
  const maxLabel = Math.max(...labelsY.map((l) => l.length));
  const hi = Math.max(...rows.map((r) => (Number.isFinite(r.hi) ? r.hi : r.percent)));
  const notComparable = result.comparisons.filter((c) => !c.comparable).map((c) => c.norm.label);
  const notes = ['Points are percentages, lines 95% Wilson confidence intervals (none where the norm gives no sample size); p values are exact binomial tests of the sample against each norm’s percentage.'];
  if (notComparable.length) notes.push(`Hollow: criterion or scoring differs from the study’s, or is not stated, so the comparison is not like for like (${notComparable.join('; ')}).`);
  return {
    id: `${result.id}.prevalence-forest`,
    kind: 'prevalence-forest',
    title: `Prevalence of ${what} against norms`,
    alt: `Forest plot of the percentage ${what}: this sample ${fmtPercent(result.proportion)}% [${fmtPercent(result.ci_wilson[0])}, ${fmtPercent(result.ci_wilson[1])}]; ${result.comparisons
      .map((c) => `${c.norm.label} ${c.norm.percent}%${c.comparable ? '' : ' (not comparable)'}, binomial ${pText(c.binomial.p)}`)
      .join('; ')}.`,
    notes,
    legend: {
      title: '',
      items: [
        { label: 'This sample', color: color.sample },
        { label: 'Norm', color: color.norm },
        ...(notComparable.length ? [{ label: 'Norm, not comparable', color: color.norm, hollow: true }] : []),
      ],
    },
    plot: {
      width: CHART_WIDTH,
      height: 50 + (maxLabel * 6 > LABEL_WIDTH ? 40 : 30) * rows.length,
      marginLeft: Math.min(LABEL_WIDTH, 14 + 6 * maxLabel),
      marginRight: 120,
      x: { domain: [0, Math.min(100, Math.ceil((hi + 5) / 10) * 10)], label: `${what} (% of respondents)`, grid: true },
      y: { domain: labelsY, label: null, axis: null, round: true },
      marks: [
        Plot.axisY({ lineWidth: Math.floor((LABEL_WIDTH - 14) / 10), tickSize: 0, marginLeft: LABEL_WIDTH, label: null }),
        Plot.ruleX([100 * result.proportion], { stroke: OKABE_ITO.vermillion, strokeDasharray: '3,3', strokeOpacity: 0.6 }),
        Plot.ruleY(withCi, { y: 'label', x1: 'lo', x2: 'hi', stroke: (r: Row) => color[r.kind], strokeWidth: 2 }),
        Plot.dot(rows, {
          y: 'label',
          x: 'percent',
          r: 5,
          symbol: (r: Row) => (r.kind === 'sample' ? 'square' : 'circle'),
          fill: (r: Row) => (r.kind === 'norm (not comparable)' ? 'white' : color[r.kind]),
          stroke: (r: Row) => color[r.kind],
          strokeWidth: 1.5,
        }),
        Plot.text(rows, { y: 'label', frameAnchor: 'right', dx: 114, text: 'test', textAnchor: 'end' }),
      ],
    },
  };
}
