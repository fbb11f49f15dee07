import { useMemo } from 'preact/hooks';
import { saturationChart } from '../../../src/charts/saturation-chart.ts';
import type { SaturationPoint } from '../api.ts';
import { ChartFigure } from './chart-figure.tsx';

/** The saturation curve (the CLI's and the reports' chart spec): new codes per document as bars, distinct codes so far as a line. */
export function SaturationPlot({ points }: { points: SaturationPoint[] }) {
  const key = JSON.stringify(points);
  const chart = useMemo(() => saturationChart(points, 'model-saturation'), [key]);
  return <ChartFigure chart={chart} />;
}
