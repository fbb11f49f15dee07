/**
 * A chart's SVG rasterised to PNG with resvg (a prebuilt binary from npm: no browser needed). Fonts: DejaVu Sans
 * or Liberation Sans where Debian puts them (fonts-dejavu-core, which CI installs), else every system font
 * (slower: resvg reads them all for each image).
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf',
];

let fonts: { fontFiles: string[]; loadSystemFonts: boolean; defaultFontFamily: string } | undefined;

function fontOptions() {
  if (!fonts) {
    const files = FONT_FILES.filter((f) => existsSync(f));
    fonts = {
      fontFiles: files,
      loadSystemFonts: files.length === 0,
      defaultFontFamily: files.some((f) => f.includes('DejaVu')) ? 'DejaVu Sans' : files.length ? 'Liberation Sans' : 'Arial',
    };
  }
  return fonts;
}

/** PNG bytes of an SVG at `scale` (2 = twice the SVG's pixel size, crisp in Word and on screens). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: fontOptions() });
  return r.render().asPng();
}
