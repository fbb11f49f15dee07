/**
 * Draws a Chart as one SVG element with a given `document` (the browser's, or linkedom's on the server):
 * an optional title, the legend as swatches, then Plot's SVG. Pure SVG (no HTML legend), so the same drawing
 * can be inlined in HTML, written as a .svg file, or rasterised for a Word document.
 */
import * as Plot from '@observablehq/plot';
import type { Chart, ChartLegend } from './chart.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** The little of the DOM that drawing needs (the browser's document and linkedom's both have it). */
export interface DomElement {
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  append(...nodes: DomElement[]): void;
  textContent: string | null;
  readonly outerHTML: string;
}

export interface DomDocument {
  createElementNS(ns: string, name: string): DomElement;
}
const FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif';

export interface RenderOptions {
  /** Draw the title above the chart (standalone files; reports print it as the figure caption). Default false. */
  title?: boolean;
}

export function renderChart(chart: Chart, document: DomDocument, options: RenderOptions = {}): DomElement {
  const plot = Plot.plot({ ...chart.plot, document: document as never, ariaLabel: chart.title, ariaDescription: chart.alt, style: { fontFamily: FONT } } as Plot.PlotOptions) as unknown as DomElement;
  const width = Number(plot.getAttribute('width'));
  const plotHeight = Number(plot.getAttribute('height'));
  const root = document.createElementNS(SVG, 'svg');
  const titleHeight = options.title ? 26 : 0;
  const legend = chart.legend && chart.legend.items.length ? legendGroup(document, chart.legend, width) : null;
  const legendHeight = legend ? legend.height : 0;
  const height = titleHeight + legendHeight + plotHeight;
  root.setAttribute('xmlns', SVG);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('role', 'img');
  root.setAttribute('aria-labelledby', `${chart.id}-title ${chart.id}-desc`);
  root.setAttribute('font-family', FONT);
  root.setAttribute('class', 'staffwell-chart');
  const t = document.createElementNS(SVG, 'title');
  t.setAttribute('id', `${chart.id}-title`);
  t.textContent = chart.title;
  const d = document.createElementNS(SVG, 'desc');
  d.setAttribute('id', `${chart.id}-desc`);
  d.textContent = chart.alt;
  root.append(t, d);
  const bg = document.createElementNS(SVG, 'rect');
  for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: 'white' })) bg.setAttribute(k, v);
  root.append(bg);
  if (options.title) {
    const tt = document.createElementNS(SVG, 'text');
    for (const [k, v] of Object.entries({ x: '8', y: '18', 'font-size': '14', 'font-weight': 'bold', fill: 'black' })) tt.setAttribute(k, v);
    tt.textContent = chart.title;
    root.append(tt);
  }
  if (legend) {
    legend.g.setAttribute('transform', `translate(0,${titleHeight})`);
    root.append(legend.g);
  }
  plot.setAttribute('x', '0');
  plot.setAttribute('y', String(titleHeight + legendHeight));
  plot.removeAttribute('aria-label');
  plot.removeAttribute('aria-description');
  root.append(plot);
  return root;
}

/** Swatches in rows across the width (text widths estimated: ~6 px a character at 10 px). */
function legendGroup(document: DomDocument, legend: ChartLegend, width: number): { g: DomElement; height: number } {
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('font-size', '10');
  g.setAttribute('aria-label', 'legend');
  let x = 8;
  let y = 6;
  const rowHeight = 18;
  if (legend.title) {
    const t = document.createElementNS(SVG, 'text');
    for (const [k, v] of Object.entries({ x: String(x), y: String(y + 10), 'font-weight': 'bold', fill: 'black' })) t.setAttribute(k, v);
    t.textContent = legend.title;
    g.append(t);
    x += 6 * legend.title.length + 14;
  }
  for (const item of legend.items) {
    const w = 18 + 6 * item.label.length + 12;
    if (x + w > width && x > 8) {
      x = 8;
      y += rowHeight;
    }
    const r = document.createElementNS(SVG, 'rect');
    const attrs: Record<string, string> = { x: String(x), y: String(y), width: '12', height: '12' };
    if (item.hollow) Object.assign(attrs, { fill: 'white', stroke: item.color, 'stroke-width': '1.5' });
    else Object.assign(attrs, { fill: item.color, stroke: '#999', 'stroke-width': '0.5' });
    for (const [k, v] of Object.entries(attrs)) r.setAttribute(k, v);
    const t = document.createElementNS(SVG, 'text');
    for (const [k, v] of Object.entries({ x: String(x + 16), y: String(y + 10), fill: 'black' })) t.setAttribute(k, v);
    t.textContent = item.label;
    g.append(r, t);
    x += w;
  }
  return { g, height: y + rowHeight + 4 };
}
