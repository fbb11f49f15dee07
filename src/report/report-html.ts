/**
 * A Report as one self-contained HTML file: inline CSS and SVG, no script, no network. APA-style tables (rules
 * above and below, "Table n" with an italic title, notes), numbered figures with their alt text, a table of
 * contents, and print rules (A4, rows and figures not split across pages) for the PDF. Every text is escaped.
 */
import { chartSvg } from '../charts/chart-svg.ts';
import { isSuppressedCell, numberBlocks, type Report, type ReportBlock, type ReportTable } from './report-model.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; }
body { font-family: Calibri, Carlito, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5em; margin: 1.6em 0 .5em; break-after: avoid; }
h1.title { font-size: 1.9em; margin-top: 0; }
h2 { font-size: 1.2em; margin: 1.4em 0 .4em; break-after: avoid; }
h3 { font-size: 1.05em; font-style: italic; margin: 1.2em 0 .3em; break-after: avoid; }
p.subtitle { color: #444; margin-top: -.6em; }
nav.toc { border: 1px solid #ccc; padding: .5em 1.2em; margin: 1em 0 2em; break-inside: avoid; }
nav.toc ol { padding-left: 1.2em; margin: .3em 0; }
nav.toc a { color: #0b4f8a; text-decoration: none; }
.table-wrap { margin: 1.2em 0 1.4em; }
.label { font-weight: bold; margin: 0; break-after: avoid; }
.caption { font-style: italic; margin: 0 0 .4em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: .92em; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
thead th { border-top: 1.5px solid #000; border-bottom: 1px solid #000; padding: .25em .5em; font-weight: normal; text-align: left; vertical-align: bottom; }
tbody td { padding: .2em .5em; vertical-align: top; }
tbody tr:last-child td { border-bottom: 1.5px solid #000; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.r, th.r { text-align: right; white-space: nowrap; }
tr.group td:first-child { font-weight: bold; }
td.suppressed { font-style: italic; color: #555; }
p.note { font-size: .88em; margin: .3em 0 0; }
p.note em { font-style: italic; }
figure { margin: 1.4em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { margin-bottom: .4em; }
blockquote { margin: .6em 0 .6em 1.5em; padding-left: .8em; border-left: 3px solid #bbb; }
blockquote footer { font-size: .88em; color: #444; margin-top: .2em; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } a { color: inherit; } }
`;

export function reportHtml(report: Report): string {
  const numbers = numberBlocks(report.blocks);
  const toc = report.blocks.filter((b): b is Extract<ReportBlock, { kind: 'heading' }> => b.kind === 'heading' && b.level <= 2);
  const body: string[] = [];
  body.push(`<h1 class="title">${escapeHtml(report.title)}</h1>`);
  body.push(`<p class="subtitle">${escapeHtml(report.subtitle)} ${escapeHtml(report.date)}</p>`);
  body.push(`<nav class="toc" aria-label="Contents"><p class="label">Contents</p>${tocList(toc)}</nav>`);
  for (const b of report.blocks) body.push(block(b, numbers.get(b)));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Staffwell">
<title>${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function tocList(headings: Extract<ReportBlock, { kind: 'heading' }>[]): string {
  const out: string[] = ['<ol>'];
  let open = false;
  for (const h of headings) {
    const link = `<a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a>`;
    if (h.level === 1) {
      if (open) out.push('</ol></li>');
      out.push(`<li>${link}<ol>`);
      open = true;
    } else out.push(`<li>${link}</li>`);
  }
  if (open) out.push('</ol></li>');
  out.push('</ol>');
  return out.join('').replace(/<ol><\/ol>/g, '');
}

function block(b: ReportBlock, n: number | undefined): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${escapeHtml(b.id)}">${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'quote':
      return `<blockquote><p>${escapeHtml(b.text)}</p><footer>${escapeHtml(b.source)}</footer></blockquote>`;
    case 'table':
      return tableHtml(b, n!);
    case 'figure': {
      const c = b.chart;
      const notes = c.notes.length ? `<p class="note"><em>Note.</em> ${escapeHtml(c.notes.join(' '))}</p>` : '';
      return `<figure id="${escapeHtml(c.id)}"><figcaption><p class="label">Figure ${n}</p><p class="caption">${escapeHtml(c.title)}</p></figcaption>${chartSvg(c)}${notes}</figure>`;
    }
  }
}

function tableHtml(t: ReportTable, n: number): string {
  const group = new Set(t.groupRows ?? []);
  const head = t.columns.map((c) => `<th scope="col"${c.align === 'right' ? ' class="r"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const rows = t.rows
    .map((r, i) => {
      const cells = r.map((v, j) => {
        const cls = [t.columns[j]?.align === 'right' ? 'r' : '', isSuppressedCell(v) ? 'suppressed' : ''].filter(Boolean).join(' ');
        return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(v)}</td>`;
      });
      return `<tr${group.has(i) ? ' class="group"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  const notes = t.notes.length ? `<p class="note"><em>Note.</em> ${escapeHtml(t.notes.join(' '))}</p>` : '';
  return `<div class="table-wrap"><p class="label">Table ${n}</p><p class="caption">${escapeHtml(t.title)}</p><table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>${notes}</div>`;
}
