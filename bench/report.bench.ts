/**
 * The report benchmark (issue 11): the PALS example report (all 13 analyses, 16 charts; with the qualitative demo
 * project, 19 charts). In process, best of `runs`: running the study, building the charts, drawing them as SVG
 * (linkedom), the HTML, the Word file (charts rasterised by resvg), the PDF (Chromium: cold = launch + print,
 * warm = print only). Whole processes (the compiled CLI, `npm run build` first): `staffwell report --html`,
 * `--pdf`, `--docx`, against R Markdown (knitr + ggplot2 + pandoc: bench/report.Rmd, a comparable report of the
 * same data) rendered to self-contained HTML. Not a test: run by hand, copy the table into BENCHMARKS.md.
 *
 *   npm run build && node --import tsx bench/report.bench.ts [--runs 5] [--skip-r]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadStudy } from '../src/study/study-file.ts';
import { runStudy } from '../src/study/run-study.ts';
import { chartsForStudy } from '../src/charts/study-charts.ts';
import { chartSvg } from '../src/charts/chart-svg.ts';
import { buildStudyReport } from '../src/report/study-report.ts';
import { reportHtml } from '../src/report/report-html.ts';
import { reportDocx } from '../src/report/report-docx.ts';
import { launchChromium } from '../src/report/chromium.ts';
import { qualReportData } from '../src/services/report.ts';
import { runQualDemo } from '../src/demo/qual-demo.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const skipR = args.includes('--skip-r');
const STUDY = 'examples/pals/study.yaml';

async function best<T>(name: string, f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await f();
    ms = Math.min(ms, performance.now() - t0);
  }
  console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms`);
  return { ms, value };
}

function proc(name: string, cmd: string, argv: string[]): number {
  let ms = Infinity;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    ms = Math.min(ms, performance.now() - t0);
  }
  console.log(`${name.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(9)} s`);
  return ms;
}

console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${new Date().toISOString().slice(0, 10)}`);
const dir = mkdtempSync(join(tmpdir(), 'sw-report-bench-'));
try {
  const qualDemo = await runQualDemo({ outDir: join(dir, 'qual'), log: () => undefined });
  const { value: results } = await best('run the study (in memory)', () => runStudy(loadStudy(STUDY)));
  const { value: charts } = await best('build the charts (Plot specs)', () => chartsForStudy(results).flatMap((x) => x.charts));
  const svg = await best(`draw ${charts.length} charts as SVG (linkedom)`, () => charts.map((c) => chartSvg(c)));
  console.log(`  per chart ${(svg.ms / charts.length).toFixed(1)} ms, ${(svg.value.reduce((a, s) => a + s.length, 0) / charts.length / 1024).toFixed(1)} kB`);
  const { value: qual } = await best('read the qualitative project', () => qualReportData(qualDemo.project));
  const { value: report } = await best('build the report (with qual)', () => buildStudyReport(results, { qual, date: '2026-01-01' }));
  const html = await best('HTML', () => reportHtml(report));
  console.log(`  ${(html.value.length / 1024).toFixed(0)} kB, ${report.blocks.filter((b) => b.kind === 'figure').length} figures, ${report.blocks.filter((b) => b.kind === 'table').length} tables`);
  const docx = await best('Word .docx (charts as PNG)', () => reportDocx(report));
  console.log(`  ${(docx.value.length / 1024).toFixed(0)} kB`);
  await best('PDF, cold (launch Chromium, print, close)', async () => {
    const b = await launchChromium();
    try {
      return await b.pdf(html.value);
    } finally {
      await b.close();
    }
  });
  const browser = await launchChromium();
  try {
    await best('PDF, warm (print only)', () => browser.pdf(html.value));
  } finally {
    await browser.close();
  }
  const bin = resolve('bin/staffwell.js');
  const out = (f: string) => join(dir, f);
  proc('process: staffwell report --html', process.execPath, [bin, 'report', STUDY, '--qual', qualDemo.project, '--html', out('r.html')]);
  proc('process: staffwell report --pdf', process.execPath, [bin, 'report', STUDY, '--qual', qualDemo.project, '--pdf', out('r.pdf')]);
  proc('process: staffwell report --docx', process.execPath, [bin, 'report', STUDY, '--qual', qualDemo.project, '--docx', out('r.docx')]);
  proc('process: staffwell report --html --pdf --docx', process.execPath, [bin, 'report', STUDY, '--qual', qualDemo.project, '--html', out('r.html'), '--pdf', out('r.pdf'), '--docx', out('r.docx')]);
  if (!skipR) {
    const rmd = resolve('bench/report.Rmd');
    proc('R Markdown (knitr + ggplot2 + pandoc) HTML', 'Rscript', ['-e', `rmarkdown::render("${rmd}", output_file = "${out('r-rmd.html')}", intermediates_dir = "${dir}", quiet = TRUE)`]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
