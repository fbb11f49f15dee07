/**
 * Coded text drawn without touching the transcript's DOM: the CSS Custom Highlight API paints ranges over the
 * turns' text nodes (one highlight per code, plus the current selection and the selected segment). The colour
 * rules live in one constructed stylesheet (CSSOM, allowed under the server's CSP).
 *
 * Painting is incremental: each item (a segment, the selection) keeps its ranges while its key (id and offsets)
 * and its text nodes stay, so one new coding in a transcript of thousands adds one range instead of rebuilding all.
 */
const sheet = typeof CSSStyleSheet !== 'undefined' ? new CSSStyleSheet() : null;
let adopted = false;

export function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export interface PaintItem {
  /** Highlight name (e.g. `sw-c3`); names starting `sw-sel` are drawn above the codes. */
  name: string;
  from: number;
  to: number;
}

export class HighlightPainter {
  private entries = new Map<string, { name: string; ranges: Range[] }>();
  private highlights = new Map<string, Highlight>();
  private css = '';

  /**
   * Makes the painted items exactly `items` (key → item), building ranges only for new keys with `ranges`;
   * `styles` maps highlight names to CSS declarations for `::highlight(name)`.
   */
  update(items: ReadonlyMap<string, PaintItem>, styles: ReadonlyMap<string, string>, ranges: (from: number, to: number) => Range[]): void {
    if (!supported() || !sheet) return;
    if (!adopted) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      adopted = true;
    }
    for (const [key, e] of this.entries) {
      const item = items.get(key);
      if (item && item.name === e.name && e.ranges.every((r) => r.startContainer.isConnected)) continue;
      const h = this.highlights.get(e.name);
      for (const r of e.ranges) h?.delete(r);
      this.entries.delete(key);
    }
    for (const [key, item] of items) {
      if (this.entries.has(key)) continue;
      const rs = ranges(item.from, item.to);
      let h = this.highlights.get(item.name);
      if (!h) {
        h = new Highlight();
        h.priority = item.name.startsWith('sw-sel') ? 100 : this.highlights.size;
        CSS.highlights.set(item.name, h);
        this.highlights.set(item.name, h);
      }
      for (const r of rs) h.add(r);
      this.entries.set(key, { name: item.name, ranges: rs });
    }
    // an emptied highlight stays registered: adding or removing a name restyles the whole document (measured:
    // ~1,400 elements, 20-50 ms, on every selection), an empty one costs nothing
    // in name order: the order styles are met in (segments by position) changes with every coding, and a new
    // sheet text restyles the whole document
    const css = [...styles]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, decl]) => `::highlight(${name}) { ${decl} }`)
      .join('\n');
    if (css !== this.css) {
      sheet.replaceSync(css);
      this.css = css;
    }
  }

  clear(): void {
    if (!supported()) return;
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    this.highlights.clear();
    this.entries.clear();
  }
}
