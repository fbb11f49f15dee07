/**
 * The HTML report: golden files of each example study (date fixed, version normalised, coordinates rounded),
 * self-contained (no script, no external reference), every user text escaped, never a suppressed number, and the
 * qualitative part without an original name from the key file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import type { StudyResults } from '../../src/study/study-results.ts';
import { buildStudyReport } from '../../src/report/study-report.ts';
import { reportHtml } from '../../src/report/report-html.ts';
import { qualReportData } from '../../src/services/report.ts';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { roundNumbersForGolden } from '../helpers/golden.ts';

const DATE = '2026-01-01';
const EXAMPLES = ['pals', 'imaging', 'pwp'];

async function results(name: string): Promise<StudyResults> {
  const r = await runStudy(loadStudy(`examples/${name}/study.yaml`));
  return { ...r, staffwell_version: '0.0.0-test', engine: undefined };
}

const normalise = (html: string) => roundNumbersForGolden(html, 6).replace(/plot-[0-9a-f]{6}/g, 'plot-X');

for (const name of EXAMPLES) {
  test(`golden: the HTML report of examples/${name} (UPDATE_GOLDEN=1 to regenerate)`, async () => {
    const html = normalise(reportHtml(buildStudyReport(await results(name), { date: DATE })));
    const file = `test/golden/report/${name}-report.html`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      mkdirSync('test/golden/report', { recursive: true });
      writeFileSync(file, html);
    }
    assert.equal(html, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 to regenerate after reading the report)`);
  });
}

test('the report is self-contained: no script, no external resource', async () => {
  const html = reportHtml(buildStudyReport(await results('pals'), { date: DATE }));
  assert.ok(!/<script/i.test(html), 'a script');
  assert.ok(!/(src|href)="(https?:)?\/\//i.test(html), 'an external reference');
  assert.ok(!/<link /i.test(html), 'a linked resource');
  assert.match(html, /<style>/);
  assert.ok((html.match(/<svg /g) ?? []).length >= 10, 'charts inline');
});

test('the report has title, methods with citations, APA tables, figures and a table of contents', async () => {
  const r = await results('pals');
  const report = buildStudyReport(r, { date: DATE });
  const html = reportHtml(report);
  assert.match(html, /<h1 class="title">PALS staff wellbeing survey/);
  assert.match(html, /<nav class="toc"/);
  for (const ins of r.instruments) assert.ok(html.includes(ins.citation.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')), `citation of ${ins.name}`);
  assert.match(html, /Table 1<\/p>/);
  assert.match(html, /Figure 1<\/p>/);
  assert.match(html, /p &lt; \.001/, 'APA p values');
  assert.match(html, /\[\d+\.\d\d, \d+\.\d\d\]/, 'CIs in brackets');
  const tables = report.blocks.filter((b) => b.kind === 'table').length;
  assert.equal((html.match(/<table>/g) ?? []).length, tables);
});

test('suppressed groups appear as "suppressed" and their numbers never reach the report', async () => {
  const r = await results('pals');
  const html = reportHtml(buildStudyReport(r, { date: DATE }));
  const d = r.analyses.find((a) => a.id === 'hse-by-site');
  assert.ok(d?.type === 'describe' && d.groups);
  for (const g of d.groups.filter((x) => x.suppressed)) {
    const site = String(Object.values(g.by)[0]);
    const rows = html.split('\n').filter((l) => l.includes(`<td>${site}</td>`));
    assert.ok(rows.length > 0, `${site} listed`);
    for (const row of rows) assert.match(row, /suppressed/, `${site}: ${row}`);
  }
});

test('every user text is escaped', async () => {
  const r = await results('pals');
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const bad: StudyResults = { ...r, study: evil, description: evil, warnings: [evil], instruments: r.instruments.map((i) => ({ ...i, citation: evil, scales: i.scales.map((s) => ({ ...s, label: evil })) })) };
  const html = reportHtml(buildStudyReport(bad, { date: DATE }));
  assert.ok(!html.includes('<img'), 'raw markup from user text');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;'));
});

test('the qualitative part: themes, quotes and matrices, and no original name from the key file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-report-qual-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const demo = await runQualDemo({ outDir: dir, log: () => undefined });
  const qual = await qualReportData(demo.project);
  const r = await results('pals');
  const html = reportHtml(buildStudyReport(r, { date: DATE, qual }));
  const part = html.slice(html.indexOf('id="qualitative-findings"'));
  assert.match(part, /Themes and the participants who contribute to them/);
  assert.match(part, /<blockquote>/);
  assert.match(part, /Coded segments per code and site/);
  const originals = readFileSync('examples/qual/replacements.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0].replace(/^"|"$/g, ''))
    .filter((o) => o.length > 3);
  assert.ok(originals.length > 10);
  for (const o of originals) assert.ok(!part.includes(o), `original "${o}" in the qualitative part of the report`);
});
