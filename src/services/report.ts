/**
 * `staffwell report` as a service: run the study, read the qualitative project (without its key file, so no
 * original name can reach the report), build the report once and write each format asked for. Writes are atomic:
 * a failed report leaves no partial file behind.
 */
import { basename } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { studyResults } from './study-run.ts';
import type { StudyResults } from '../study/study-results.ts';
import { openQualProject } from './qual-project.ts';
import { qualMatrix, qualSaturation } from './qual-analysis.ts';
import { themeRecurrence, themeTable, themeTree } from '../qual/themes.ts';
import { buildStudyReport } from '../report/study-report.ts';
import type { QualReportData } from '../report/qual-report.ts';
import type { Report } from '../report/report-model.ts';
import { reportHtml } from '../report/report-html.ts';
import { launchChromium } from '../report/chromium.ts';

export interface StudyReportFiles {
  html?: string;
  pdf?: string;
  docx?: string;
}

export interface WriteStudyReportOptions extends StudyReportFiles {
  /** The study file. */
  study: string;
  /** A qualitative project (.sqlite) whose themes, quotes and matrices join the report. */
  qual?: string;
  /** The date printed on the report (ISO; default today). */
  date?: string;
}

/** Reads a qualitative project for a report: never its key file. */
export async function qualReportData(path: string): Promise<QualReportData> {
  const project = openQualProject({ path, keyPath: null });
  try {
    const store = project.store;
    const [recurrence, matrix, saturation, themes, docs] = await Promise.all([
      themeRecurrence(store),
      qualMatrix(project, { cols: 'sites', dropEmpty: true }),
      qualSaturation(project, {}),
      store.listThemes(),
      store.listDocuments(),
    ]);
    const top = themeTree(themes).filter((t) => t.depth === 0);
    const tables = [];
    for (const t of top) tables.push(await themeTable(store, t.theme.id, { quotes: 2 }));
    return { project: basename(path), documents: docs.length, recurrence, themes: tables, matrix, saturation };
  } finally {
    project.close();
  }
}

/** The report of a study's results (and qualitative data) in each format, as bytes or text. */
export async function renderStudyReport(report: Report, formats: { html?: boolean; pdf?: boolean; docx?: boolean }): Promise<{ html?: string; pdf?: Buffer; docx?: Buffer }> {
  const out: { html?: string; pdf?: Buffer; docx?: Buffer } = {};
  const html = formats.html || formats.pdf ? reportHtml(report) : undefined;
  if (formats.html) out.html = html;
  // Chromium starts (a process of its own) while the Word file's charts are rasterised here
  const pdf = formats.pdf ? printPdf(html!) : undefined;
  try {
    // docx (and its image encoder) load only when a Word report is asked for, so importing the library stays light.
    if (formats.docx) out.docx = await (await import('../report/report-docx.ts')).reportDocx(report);
  } catch (e) {
    await pdf?.catch(() => undefined);
    throw e;
  }
  if (pdf) out.pdf = await pdf;
  return out;
}

async function printPdf(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    return await browser.pdf(html);
  } finally {
    await browser.close();
  }
}

export async function writeStudyReport(options: WriteStudyReportOptions): Promise<{ results: StudyResults; files: string[] }> {
  if (!options.html && !options.pdf && !options.docx)
    throw new StaffwellError('invalid-option', 'no report file named', { field: 'html', hint: 'name at least one of --html FILE, --pdf FILE, --docx FILE' });
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
    throw new StaffwellError('invalid-option', 'the report date must be YYYY-MM-DD', { field: 'date', value: options.date });
  const results = await studyResults(options.study);
  const qual = options.qual ? await qualReportData(options.qual) : undefined;
  const report = buildStudyReport(results, { date: options.date, qual });
  const made = await renderStudyReport(report, { html: !!options.html, pdf: !!options.pdf, docx: !!options.docx });
  const files: string[] = [];
  if (options.html) files.push(write(options.html, made.html!));
  if (options.docx) files.push(write(options.docx, made.docx!));
  if (options.pdf) files.push(write(options.pdf, made.pdf!));
  return { results, files };
}

function write(path: string, data: string | Buffer): string {
  writeFileAtomic(path, data);
  return path;
}
