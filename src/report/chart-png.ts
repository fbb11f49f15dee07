/** A chart's SVG rasterised to PNG with resvg (a prebuilt binary from npm: no browser, no system library). */
import { Resvg } from '@resvg/resvg-js';

/** PNG bytes of an SVG at `scale` (2 = twice the SVG's pixel size, crisp in Word and on screens). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return r.render().asPng();
}
