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
  | 'theme-grid';

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

/** Labels of a study's score references ("hse.demands" -> "HSE Indicator Tool: Demands"). */
export interface ChartLabels {
  score(ref: string): string;
}

export const plainLabels: ChartLabels = { score: (ref) => ref };

export const CHART_WIDTH = 640;
