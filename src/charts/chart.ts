/**
 * A chart: an Observable Plot specification built from a result object, with what a reader needs beside the
 * drawing (title, alt text, legend, notes). Builders (src/charts/*-chart.ts) are pure functions of the result, so
 * the same result always draws the same chart; the browser and the server draw it with the same `renderChart`.
 */
import type { PlotOptions } from '@observablehq/plot';

export type ChartKind =
  | 'likert'
  | 'item-statistics'
  | 'group-means'
  | 'prevalence-forest'
  | 'benchmark-bands'
  | 'correlation-heatmap'
  | 'coefficients'
  | 'code-frequencies'
  | 'saturation'
  | 'theme-grid'
  | 'score-distribution';

export interface LegendItem {
  label: string;
  color: string;
  /** Drawn as an outline (e.g. "not comparable") instead of a filled swatch. */
  hollow?: boolean;
}

export interface ChartLegend {
  title: string;
  items: LegendItem[];
}

export interface Chart {
  /** Stable id: `<analysis id>.<kind>` (or `<analysis id>.<kind>.<part>`). */
  id: string;
  kind: ChartKind;
  title: string;
  /** Text alternative: what the chart shows, in words, with its key numbers. */
  alt: string;
  /** Notes printed under the chart (suppressed groups, caveats). */
  notes: string[];
  legend: ChartLegend | null;
  /** Observable Plot options, marks with their data; `document` is added when it is drawn. */
  plot: PlotOptions;
}

/** A cut-off on a score: respondents at or above `value` fall in the class `label` (e.g. GHQ-12 caseness, 4). */
export interface Cutoff {
  value: number;
  label: string;
}

/**
 * What a norm the study compares a score with says about that score: a mean (norm-means analyses), or the
 * percentage of cases at a cut-off of the score (prevalence analyses). `comparable` as in the results: false when
 * the norm's scoring or criterion differs from the study's (or is not known to match).
 */
export type NormReference =
  | { kind: 'mean'; label: string; citation: string; comparable: boolean; mean: number; sd: number | null; n: number | null }
  | { kind: 'prevalence'; label: string; citation: string; comparable: boolean; percent: number; level: string; cutoff: number | null };

/**
 * What the charts know of a study's scores: their labels ("hse.demands" -> "HSE Demands") and, optionally, the
 * instruments' cut-offs on each score (under the score's own scoring method) and the norms the study compares each
 * score with.
 */
export interface ChartLabels {
  score(ref: string): string;
  cutoffs?(ref: string): Cutoff[];
  norms?(ref: string): NormReference[];
}

export const plainLabels: ChartLabels = { score: (ref) => ref };

export const CHART_WIDTH = 640;
