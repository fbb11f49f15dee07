/** Charts drawn on the server: linkedom's DOM under Plot, serialised as standalone SVG text. */
import { parseHTML } from 'linkedom';
import type { Chart } from './chart.ts';
import { renderChart, type DomDocument, type RenderOptions } from './render-chart.ts';

let doc: DomDocument | undefined;

function serverDocument(): DomDocument {
  doc ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as DomDocument;
  return doc;
}

/** The chart as SVG text (with xmlns: valid as a .svg file, inline in HTML, or for rasterising). */
export function chartSvg(chart: Chart, options: RenderOptions = {}): string {
  return renderChart(chart, serverDocument(), options).outerHTML;
}
