import { useLayoutEffect, useRef } from 'preact/hooks';
import { renderChart } from '../../../src/charts/render-chart.ts';
import { saturationChart } from '../../../src/charts/saturation-chart.ts';
import type { SaturationPoint } from '../api.ts';

/**
 * The saturation curve, drawn by the same chart spec and renderer as the CLI's and the reports' (Observable Plot
 * with the browser's document): new codes per document as bars, distinct codes so far as a line.
 */
export function SaturationPlot({ points }: { points: SaturationPoint[] }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = saturationChart(points, 'model-saturation');
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const svg = renderChart(chart, document) as unknown as SVGSVGElement;
    // Plot's own <style> would break the page's Content-Security-Policy (style-src 'self'): styles.css has its rules
    svg.querySelectorAll('style').forEach((s) => s.remove());
    el.replaceChildren(svg);
  }, [JSON.stringify(points)]);
  return (
    <figure class="chart" aria-label={chart.title}>
      <div ref={host} class="chart-host" />
      {chart.notes.map((n) => (
        <p key={n} class="hint">
          {n}
        </p>
      ))}
      <p class="sr-only">{chart.alt}</p>
    </figure>
  );
}
