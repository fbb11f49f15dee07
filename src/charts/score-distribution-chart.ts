import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, type Chart, type ChartLabels, type Cutoff, type NormReference } from './chart.ts';
import { fmt } from './format-number.ts';
import { MUTED, OKABE_ITO } from './palette.ts';
import { countsMedian } from '../stats/value-counts.ts';

/** A score's distinct values (ascending) and how many respondents have each. */
export interface ScoreDistribution {
  values: readonly number[];
  counts: readonly number[];
}

export interface HistogramBin {
  x1: number;
  x2: number;
  count: number;
}

/**
 * Bins of a histogram from value counts. Questionnaire scores lie on a lattice: a sum score on whole numbers, the
 * mean of 8 items on eighths. When every value is a multiple of 1/k (k ≤ 12) and the range spans at most 60 such
 * steps, there is one bin per lattice point (centred on it), so no bin holds more possible values than another;
 * otherwise about 20 bins of a round width (1, 2 or 5 × 10^k), each holding [x1, x2). `step` is the lattice step
 * (null for round-width bins). Pure and exact: the counts add up to the respondents.
 */
export function histogramBins(d: ScoreDistribution): { bins: HistogramBin[]; step: number | null } {
  const { values, counts } = d;
  if (!values.length) return { bins: [], step: null };
  const lo = values[0];
  const hi = values[values.length - 1];
  for (let k = 1; k <= 12; k++) {
    if ((hi - lo) * k > 60) break;
    if (!values.every((v) => Math.abs(v * k - Math.round(v * k)) < 1e-9)) continue;
    const first = Math.round(lo * k);
    const bins: HistogramBin[] = [];
    for (let j = first; j <= Math.round(hi * k); j++) bins.push({ x1: (j - 0.5) / k, x2: (j + 0.5) / k, count: 0 });
    values.forEach((v, i) => (bins[Math.round(v * k) - first].count += counts[i]));
    return { bins, step: 1 / k };
  }
  const width = niceWidth((hi - lo) / 20 || 1);
  const start = Math.floor(lo / width) * width;
  const nb = Math.max(1, Math.floor((hi - start) / width + 1e-9) + 1);
  const bins = Array.from({ length: nb }, (_, k) => ({ x1: start + k * width, x2: start + (k + 1) * width, count: 0 }));
  values.forEach((v, i) => (bins[Math.min(nb - 1, Math.floor((v - start) / width + 1e-9))].count += counts[i]));
  return { bins, step: null };
}

function niceWidth(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/**
 * Scores' distributions over all respondents (a describe analysis without groups), as histograms, with the
 * instrument's cut-offs drawn in (a classification such as GHQ-12 caseness: respondents at or above the cut-off
 * are the cases) and the norms the study compares a score with: a norm's mean as a dotted line where the norm is
 * comparable (same scoring: a norm on another scoring is on another scale, so it is named in the notes but not
 * drawn), a norm's percentage of cases at a cut-off in the notes beside the sample's share at the drawn cut-off;
 * each with its citation. Several scores of one instrument (HSE's seven domains, on one 1–5 range) are panels of one
 * chart over a shared x axis, each with its own count axis. Only drawn where the overall figures are released.
 */
export function scoreDistributionChart(analysisId: string, scores: readonly { score: string; d: ScoreDistribution }[], labels: ChartLabels): Chart {
  const multi = scores.length > 1;
  const panels = scores.map(({ score, d }) => {
    const name = labels.score(score);
    const { bins, step } = histogramBins(d);
    const n = d.counts.reduce((s, c) => s + c, 0);
    const digits = step === 1 ? 0 : 2;
    // a cut-off c ("c or more") on the lattice sits between the bins of c - step and c
    const onLattice = (c: number) => step !== null && Math.abs(c / step - Math.round(c / step)) < 1e-9;
    const cuts = (labels.cutoffs?.(score) ?? []).map((c: Cutoff) => ({ ...c, name, x: onLattice(c.value) ? c.value - step! / 2 : c.value }));
    const tallest = Math.max(1, ...bins.map((b) => b.count));
    const atOrAbove = (v: number) => d.counts.reduce((s, k, i) => s + (d.values[i] >= v ? k : 0), 0);
    const refs = unique(labels.norms?.(score) ?? []);
    const means = refs.filter((r): r is Extract<NormReference, { kind: 'mean' }> => r.kind === 'mean');
    const drawn = means.filter((r) => r.comparable).map((r, i) => ({ ...r, name, x: r.mean, text: `Norm M = ${fmt(r.mean, 2)}`, row: cuts.length + i }));
    const alt =
      `${name} over ${n} respondents: values from ${fmt(d.values[0], digits)} to ${fmt(d.values[d.values.length - 1], digits)}, median ${fmt(countsMedian(d), step === 1 ? 1 : 2)}.` +
      cuts.map((c) => ` ${c.label}: ${atOrAbove(c.value)} at or above ${fmt(c.value, digits)}.`).join('') +
      drawn.map((r) => ` Norm mean ${fmt(r.mean, 2)} (${r.label}).`).join('');
    const normNotes: string[] = [];
    for (const r of means) {
      const figures = `M = ${fmt(r.mean, 2)}${r.sd !== null ? `, SD = ${fmt(r.sd, 2)}` : ''}${r.n !== null ? `, n = ${r.n}` : ''}`;
      normNotes.push(
        r.comparable
          ? `Dotted line${multi ? ` (${name})` : ''}: the mean of the norm ${r.label} (${figures}). ${r.citation}`
          : `Not drawn${multi ? ` (${name})` : ''}: the norm ${r.label} (${figures}), whose scoring differs from the study's or is not known to match. ${r.citation}`,
      );
    }
    // prevalence norms: one note per cut-off, the sample's share first, then each norm's percentage and citation
    const prevalence = refs.filter((r): r is Extract<NormReference, { kind: 'prevalence' }> => r.kind === 'prevalence');
    for (const cutoff of [...new Set(prevalence.map((r) => r.cutoff))]) {
      const these = prevalence.filter((r) => r.cutoff === cutoff);
      const cut = cuts.find((c) => c.value === cutoff);
      const head = cut ? `${cut.label}${multi ? ` (${name})` : ''}: ${fmt((100 * atOrAbove(cut.value)) / Math.max(1, n), 1)}% of this sample at or above ${fmt(cut.value, digits)}` : `Cases (${these[0].level})${multi ? ` (${name})` : ''}`;
      const list = these.map((r) => `${r.label}, ${fmt(r.percent, 1)}%${r.comparable ? '' : ' (not comparable)'} (${r.citation.replace(/\.$/, '')})`);
      const caveat = these.some((r) => !r.comparable) ? " Not comparable: the norm's criterion or scoring differs from the study's, or is not known to match." : '';
      normNotes.push(`${head}; in the norms: ${list.join('; ')}.${caveat}`);
    }
    return { score, name, bins: bins.map((b) => ({ ...b, name, share: b.count / tallest })), step, n, cuts, drawn, normNotes, tallest, alt, digits };
  });
  // the range of the bins, widened to a norm mean outside it
  const lo = Math.min(...panels.map((p) => Math.min(p.bins.length ? p.bins[0].x1 : 0, ...p.drawn.map((r) => r.x))));
  const hi = Math.max(...panels.map((p) => Math.max(p.bins.length ? p.bins[p.bins.length - 1].x2 : 1, ...p.drawn.map((r) => r.x))));
  const names = panels.map((p) => p.name);
  const allLattice = panels.every((p) => p.step !== null);
  const notes = [
    multi
      ? `Bars: respondents per ${allLattice ? 'score' : 'range of scores'}, each panel scaled to its tallest bar (its count at the top left); n per panel: ${panels.map((p) => `${p.name} ${p.n}`).join(', ')}.`
      : `Bars: respondents per ${allLattice ? 'score' : 'range of scores'} (n = ${panels[0].n}).`,
  ];
  for (const p of panels) for (const c of p.cuts) notes.push(`Dashed line: ${c.label}, ${fmt(c.value, p.digits)} or more.`);
  for (const p of panels) notes.push(...p.normNotes);
  const bins = panels.flatMap((p) => p.bins);
  const cuts = panels.flatMap((p) => p.cuts);
  const drawn = panels.flatMap((p) => p.drawn);
  const fy = multi ? 'name' : undefined;
  const instrument = scores[0].score.includes('.') ? labels.score(scores[0].score.slice(0, scores[0].score.indexOf('.'))) : '';
  const title = multi ? `Distributions of ${instrument && !instrument.includes('.') ? `the ${instrument} scores` : `${names.length} scores`}` : `Distribution of ${names[0]}`;
  return {
    id: `${analysisId}.score-distribution.${scores[0].score}`,
    kind: 'score-distribution',
    title,
    alt: `${multi ? 'Distributions' : 'Distribution'} of ${panels.map((p) => p.alt).join(' ')}`,
    notes,
    legend: null,
    plot: {
      width: CHART_WIDTH,
      height: multi ? 30 + 70 * panels.length : 200,
      marginLeft: multi ? 14 + 6 * Math.max(...names.map((x) => x.length)) : 50,
      marginTop: 24,
      x: { domain: [lo, hi], label: multi ? 'Score →' : `${names[0]} →`, round: true },
      // one panel per score, bars as shares of its tallest (so a small subscale is as readable as a large one)
      y: multi ? { domain: [0, 1], axis: null } : { domain: [0, panels[0].tallest], label: '↑ Respondents', grid: true, nice: true },
      fy: multi ? { domain: names, label: null, padding: 0.2, axis: 'left', tickSize: 0 } : undefined,
      marks: [
        Plot.rectY(bins, { fy, x1: 'x1', x2: 'x2', y: multi ? 'share' : 'count', fill: OKABE_ITO.blue, fillOpacity: 0.85, insetLeft: 0.5, insetRight: 0.5 }),
        ...(multi
          ? [Plot.text(panels, { fy: 'name', frameAnchor: 'top-left', dx: 2, text: (p: { tallest: number }) => `max ${p.tallest}`, fill: MUTED, textAnchor: 'start' })]
          : []),
        Plot.ruleY([0]),
        Plot.ruleX(cuts, { fy, x: 'x', stroke: OKABE_ITO.vermillion, strokeWidth: 1.5, strokeDasharray: '4,3' }),
        Plot.text(cuts, { fy, x: 'x', frameAnchor: 'top', dx: 4, dy: 2, text: 'label', textAnchor: 'start', fill: MUTED }),
        Plot.ruleX(drawn, { fy, x: 'x', stroke: OKABE_ITO.black, strokeWidth: 1.5, strokeDasharray: '1.5,2.5' }),
        // a label per line, below the cut-offs' labels, on a white halo over the bars; left of a line in the
        // right quarter of the axis, so it stays inside (Plot's dy and textAnchor are one per mark: a mark each)
        ...[...new Set(drawn.map((r) => r.row))].flatMap((row) =>
          [false, true].map((left) =>
            Plot.text(
              drawn.filter((r) => r.row === row && r.x > lo + 0.75 * (hi - lo) === left),
              { fy, x: 'x', frameAnchor: 'top', dx: left ? -4 : 4, dy: 2 + 12 * row, text: 'text', textAnchor: left ? 'end' : 'start', fill: MUTED, stroke: 'white', strokeWidth: 3 },
            ),
          ),
        ),
      ],
    },
  };
}

/** Each norm once (a norm compared in two analyses is drawn and cited once). */
function unique(refs: readonly NormReference[]): NormReference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = JSON.stringify(r);
    return !seen.has(key) && (seen.add(key), true);
  });
}
