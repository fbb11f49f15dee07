/**
 * Which charts a study's results draw, in analysis order: the one place that maps result types to builders
 * (the report and the app both use it).
 */
import type { AnalysisResult, StudyResults } from '../study/study-results.ts';
import type { Chart, ChartLabels } from './chart.ts';
import { likertChart } from './likert-chart.ts';
import { itemStatisticsChart } from './item-statistics-chart.ts';
import { groupMeansChart } from './group-means-chart.ts';
import { prevalenceForestChart } from './prevalence-forest-chart.ts';
import { benchmarkChart } from './benchmark-chart.ts';
import { correlationHeatmap } from './correlation-heatmap.ts';
import { coefficientChart } from './coefficient-chart.ts';
import { scoreDistributionChart } from './score-distribution-chart.ts';
import type { Cutoff, NormReference } from './chart.ts';

/**
 * Score labels from the study's instruments ("hse.demands" -> "HSE Demands", "ghq.total" -> "GHQ-12 total"), and
 * their cut-off classifications: only those computed under the score's own scoring method (GHQ-12 caseness 4+ is
 * drawn on the GHQ-scored total, not the Likert cut-off 13 on it). With the analyses, also the norms each score is
 * compared with: a norm-means analysis' norm means on its score, a prevalence analysis' norm percentages on the
 * score its classification cuts (under the same rule as the cut-offs).
 */
export function studyLabels(results: Pick<StudyResults, 'instruments'> & Partial<Pick<StudyResults, 'analyses'>>): ChartLabels {
  const map = new Map<string, string>();
  const cuts = new Map<string, Cutoff[]>();
  const cutScore = new Map<string, string>();
  const norms = new Map<string, NormReference[]>();
  const add = <T>(m: Map<string, T[]>, ref: string, x: T) => (m.get(ref) ?? m.set(ref, []).get(ref)!).push(x);
  for (const ins of results.instruments) {
    for (const c of ins.classifications) {
      const scale = ins.scales.find((s) => s.id === c.of);
      if (c.cutoff === null || !scale || (c.scoring !== undefined && c.scoring !== scale.scoring)) continue;
      const ref = `${ins.name}.${c.of}`;
      add(cuts, ref, { value: c.cutoff, label: c.label });
      cutScore.set(`${ins.name}.${c.id}`, ref);
    }
    map.set(ins.name, ins.instrument_name);
    const many = ins.scales.length > 1;
    const prefix = ins.name.toUpperCase();
    for (const s of ins.scales) map.set(`${ins.name}.${s.id}`, many && !s.label.toUpperCase().includes(prefix) ? `${prefix} ${s.label}` : s.label);
    for (const c of ins.classifications) map.set(`${ins.name}.${c.id}`, c.label);
    for (const c of ins.conversions) map.set(`${ins.name}.${c.id}`, c.label);
  }
  for (const a of results.analyses ?? []) {
    if (a.type === 'norm-means')
      for (const c of a.comparisons)
        add(norms, a.score, { kind: 'mean', label: c.norm.label, citation: c.norm.citation, comparable: c.comparable, mean: c.norm.mean, sd: c.norm.sd, n: c.norm.n });
    if (a.type === 'prevalence' && cutScore.has(a.classification))
      for (const c of a.comparisons)
        add(norms, cutScore.get(a.classification)!, { kind: 'prevalence', label: c.norm.label, citation: c.norm.citation, comparable: c.comparable, percent: c.norm.percent, level: a.level, cutoff: a.cutoff });
  }
  return { score: (ref) => map.get(ref) ?? ref, cutoffs: (ref) => cuts.get(ref) ?? [], norms: (ref) => norms.get(ref) ?? [] };
}

/** The charts of one analysis (none for types without one, e.g. crosstab, or a describe without `by`). */
export function chartsForAnalysis(a: AnalysisResult, labels: ChartLabels): Chart[] {
  switch (a.type) {
    case 'describe': {
      // without groups: the distribution of each score (where the overall figures are released)
      if (!a.groups) {
        // one chart per instrument (its subscales as panels over one range), in the order of the scores
        const byInstrument = new Map<string, { score: string; d: { values: number[]; counts: number[] } }[]>();
        for (const s of a.scores) {
          const d = a.distributions?.[s];
          if (!d || !d.values.length) continue;
          const key = s.includes('.') ? s.slice(0, s.indexOf('.')) : s;
          (byInstrument.get(key) ?? byInstrument.set(key, []).get(key)!).push({ score: s, d });
        }
        return [...byInstrument.values()].map((scores) => scoreDistributionChart(a.id, scores, labels));
      }
      // one panel per score where the scores share an instrument (comparable ranges), else one chart per score
      const byInstrument = new Map<string, string[]>();
      for (const s of a.scores) {
        const key = s.includes('.') ? s.slice(0, s.indexOf('.')) : s;
        (byInstrument.get(key) ?? byInstrument.set(key, []).get(key)!).push(s);
      }
      return [...byInstrument.values()].flatMap((scores) => {
        const c = groupMeansChart(a, scores, labels);
        if (c && byInstrument.size > 1 && scores.length > 1) c.id = `${a.id}.group-means.${scores[0].split('.')[0]}`;
        return c ? [c] : [];
      });
    }
    case 'reliability': {
      if (a.scales.length === 0) return [];
      const likert = likertChart(a, labels);
      return [...(likert ? [likert] : []), itemStatisticsChart(a, labels)];
    }
    case 'prevalence':
      return [prevalenceForestChart(a, labels)];
    case 'benchmark':
      return a.scales.some((s) => s.bands.length) ? [benchmarkChart(a, labels)] : [];
    case 'correlation':
      return a.scores.length > 1 ? [correlationHeatmap(a, labels)] : [];
    case 'regression':
    case 'logistic':
      return a.coefficients.some((c) => c.term !== '(Intercept)') ? [coefficientChart(a, labels)] : [];
    default:
      return [];
  }
}

export function chartsForStudy(results: StudyResults): { analysis: string; charts: Chart[] }[] {
  const labels = studyLabels(results);
  return results.analyses.map((a) => ({ analysis: a.id, charts: chartsForAnalysis(a, labels) }));
}
