import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Chart } from '../../../src/charts/chart.ts';
import { renderChart } from '../../../src/charts/render-chart.ts';

/**
 * One chart spec drawn in the page by the same renderer as the CLI's and the reports' (Observable Plot with the
 * browser's document), with its notes and, for screen readers, its alt text. The SVG is built by Plot from the
 * chart's data, never parsed from HTML. `caption` goes above it (a report's "Figure n").
 */
export function ChartFigure({ chart, caption }: { chart: Chart; caption?: ComponentChildren }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const svg = renderChart(chart, document) as unknown as SVGSVGElement;
    // Plot's own <style> would break the page's Content-Security-Policy (style-src 'self'): styles.css has its rules
    svg.querySelectorAll('style').forEach((s) => s.remove());
    el.replaceChildren(svg);
  }, [chart]);
  return (
    <figure class="chart" aria-label={chart.title}>
      {caption && <figcaption>{caption}</figcaption>}
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
