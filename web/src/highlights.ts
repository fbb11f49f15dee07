/**
 * Coded text drawn without touching the transcript's DOM: the CSS Custom Highlight API paints ranges over the
 * turns' text nodes (one highlight per code colour, plus the current selection and the selected segment). The
 * colour rules live in one constructed stylesheet (CSSOM, allowed under the server's CSP).
 */
const sheet = typeof CSSStyleSheet !== 'undefined' ? new CSSStyleSheet() : null;
let adopted = false;
const owned = new Set<string>();

export function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export interface Paint {
  /** Highlight name -> ranges. */
  layers: Map<string, Range[]>;
  /** Highlight name -> CSS declarations for `::highlight(name)`. */
  styles: Map<string, string>;
}

export function paint(p: Paint): void {
  if (!supported() || !sheet) return;
  if (!adopted) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    adopted = true;
  }
  for (const name of owned) if (!p.layers.has(name)) CSS.highlights.delete(name);
  owned.clear();
  let priority = 0;
  for (const [name, ranges] of p.layers) {
    const h = new Highlight(...ranges);
    h.priority = name.startsWith('sw-sel') ? 100 : priority++;
    CSS.highlights.set(name, h);
    owned.add(name);
  }
  sheet.replaceSync([...p.styles].map(([name, css]) => `::highlight(${name}) { ${css} }`).join('\n'));
}

export function clearPaint(): void {
  if (!supported()) return;
  for (const name of owned) CSS.highlights.delete(name);
  owned.clear();
}
