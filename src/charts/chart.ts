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
 * What the charts know of a study's scores: their labels ("hse.demands" -> "HSE Demands") and, optionally, the
 * instruments' cut-offs on each score (under the score's own scoring method).
 */
export interface ChartLabels {
  score(ref: string): string;
  cutoffs?(ref: string): Cutoff[];
}

export const plainLabels: ChartLabels = { score: (ref) => ref };

export const CHART_WIDTH = 640;
