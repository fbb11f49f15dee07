/**
 * The PDF and Word reports opened again and read: the PDF with poppler's pdfinfo/pdftotext (page count, page
 * numbers, headings, table text) and one page rendered with pdftoppm; the .docx with mammoth (headings as Word
 * heading styles, real tables with the report's cells, images with alt text). Browser tests skip without Chromium
 * unless STAFFWELL_REQUIRE_BROWSER=1 (CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import { buildStudyReport } from '../../src/report/study-report.ts';
import { reportDocx } from '../../src/report/report-docx.ts';
import { renderStudyReport } from '../../src/services/report.ts';
import { findChromium } from '../../src/report/chromium.ts';
import { STAFFWELL } from '../helpers/cli.ts';

const requireBrowser = process.env.STAFFWELL_REQUIRE_BROWSER === '1';
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const browserSkip = findChromium() && hasPoppler ? false : requireBrowser ? false : 'no Chromium or poppler-utils (set STAFFWELL_REQUIRE_BROWSER=1 to fail instead)';

async function palsReport() {
  const r = await runStudy(loadStudy('examples/pals/study.yaml'));
  return buildStudyReport(r, { date: '2026-01-01' });
}

test('the Word report: headings as styles, real tables with the report’s cells, charts as images with alt text', async () => {
  const report = await palsReport();
  const docx = await reportDocx(report);
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: docx });
  assert.deepEqual(messages.filter((m) => m.type === 'error'), []);
  assert.match(html, /<h1>Method<\/h1>/);
  assert.match(html, /<h1>Results<\/h1>/);
  assert.match(html, /<h2>Reliability: HSE Management Standards Indicator Tool<\/h2>/);
  const tables = report.blocks.filter((b) => b.kind === 'table');
  const found = html.match(/<table>/g) ?? [];
  assert.equal(found.length, tables.length, 'one Word table per report table');
  // the first table's header and first row, cell by cell
  const first = /<table>([\s\S]*?)<\/table>/.exec(html)![1];
  const cells = [...first.matchAll(/<t[dh]>(?:<p>)?([\s\S]*?)(?:<\/p>)?<\/t[dh]>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
  const t0 = tables[0] as Extract<(typeof tables)[number], { kind: 'table' }>;
  assert.deepEqual(cells.slice(0, t0.columns.length), t0.columns.map((c) => c.label));
  assert.deepEqual(cells.slice(t0.columns.length, 2 * t0.columns.length), t0.rows[0].map((v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
  const figures = report.blocks.filter((b) => b.kind === 'figure');
  const imgs = html.match(/<img [^>]*>/g) ?? [];
  assert.equal(imgs.length, figures.length, 'one image per chart');
  assert.ok(imgs.every((i) => /alt="[^"]{20,}"/.test(i)), 'alt text on every image');
  assert.match(html, /Table 1/);
  assert.match(html, /Figure 1/);
});

test('the PDF report: page numbers, headings and table text read back with pdftotext', { skip: browserSkip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-report-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { pdf } = await renderStudyReport(await palsReport(), { pdf: true });
  const file = join(dir, 'r.pdf');
  writeFileSync(file, pdf!);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  assert.ok(pages >= 8 && pages <= 40, `${pages} pages`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const s of ['PALS staff wellbeing survey', 'Contents', 'Method', 'Results', 'Table 1', 'Figure 1', 'Cronbach', `1 / ${pages}`, `${pages} / ${pages}`]) assert.ok(text.includes(s), `"${s}" not in the PDF text`);
  assert.match(text, /p\s*<\s*\.001/);
  // the first page rendered, for a person to look at when this test is run by hand
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'page')]);
  const png = ['page-01.png', 'page-1.png'].map((f) => join(dir, f)).find(existsSync);
  assert.ok(png && statSync(png).size > 10_000, 'page 1 rendered');
});


test('staffwell report writes the files named; without one it is a usage error (exit 2)', { skip: browserSkip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-report-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const none = spawnSync(process.execPath, [...STAFFWELL, 'report', 'examples/pals/study.yaml'], { encoding: 'utf8' });
  assert.equal(none.status, 2, none.stderr);
  assert.match(none.stderr, /--html/);
  const files = ['r.html', 'r.pdf', 'r.docx'].map((f) => join(dir, f));
  const run = spawnSync(process.execPath, [...STAFFWELL, 'report', 'examples/pals/study.yaml', '--html', files[0], '--pdf', files[1], '--docx', files[2], '--date', '2026-01-01'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  for (const f of files) assert.ok(statSync(f).size > 20_000, f);
  assert.equal(readFileSync(files[1]).subarray(0, 5).toString(), '%PDF-');
  assert.equal(readFileSync(files[2]).subarray(0, 2).toString(), 'PK');
  const bad = spawnSync(process.execPath, [...STAFFWELL, 'report', join(dir, 'nope.yaml'), '--html', join(dir, 'x.html')], { encoding: 'utf8' });
  assert.equal(bad.status, 1, bad.stderr);
  assert.ok(!existsSync(join(dir, 'x.html')), 'a failed report leaves no file');
});
