/**
 * `staffwell demo`: the main job on the bundled demo study, end to end, as a new user would run it by hand.
 *
 * 1. The survey (examples/demo-survey.csv: 300 synthetic staff, HSE-Indicator-shaped items with reversed items,
 *    a few % missing and -99 codes): `score`, `reliability` and `describe --by site`.
 * 2. The PALS-design study file (examples/pals/study.yaml): GHQ-12 caseness against published norms, HSE domains by
 *    site, job satisfaction, regression and logistic models — `staffwell run`.
 * 3. The qualitative demo (examples/qual/): transcripts imported with pseudonymisation (key file kept apart), coded
 *    by two coders, themes, agreement, matrices, and a REFI-QDA .qdpx export.
 * 4. The report of the PALS study with the qualitative project: HTML, Word and (with Chromium) PDF.
 *
 * Everything is written under `outDir`. Each step calls the service its command calls (src/services/) and, where
 * the command prints, the command's own formatter, so what the demo shows is exactly what the commands print.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { makeFolder } from '../io/make-folder.ts';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { parseKeys } from '../psych/keys.ts';
import { surveyScore } from '../services/survey-score.ts';
import { surveyReliability } from '../services/survey-reliability.ts';
import { surveyDescribe } from '../services/survey-describe.ts';
import { studyRun } from '../services/study-run.ts';
import { formatDescribe, formatReliability } from '../cli/format-survey.ts';
import { formatJson } from '../cli/format-json.ts';
import { runQualDemo } from './qual-demo.ts';
import { buildStudyReport } from '../report/study-report.ts';
import { findChromium } from '../report/chromium.ts';
import { qualReportData, renderStudyReport } from '../services/report.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoResult {
  outDir: string;
  files: string[];
}

export async function runDemo(options: { outDir: string; log?: (s: string) => void }): Promise<DemoResult> {
  const log = options.log ?? ((s: string) => process.stdout.write(s));
  const outDir = resolve(options.outDir);
  makeFolder(outDir);
  const files: string[] = [];
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const survey = join(ROOT, 'examples/demo-survey.csv');
  const keys = join(ROOT, 'examples/hse-keys.json');

  const save = (file: string, text: string): string => {
    const path = join(outDir, file);
    writeFileAtomic(path, text);
    files.push(path);
    return text;
  };

  log(`1. Survey: ${rel(survey)} (synthetic; 300 staff, 6 sites), HSE Indicator Tool domains from ${rel(keys)}\n\n`);
  const input = { keys: parseKeys(readFileSync(keys, 'utf8'), keys), read: { missing: { all: ['-99'] } } };
  const range = { min: 1, max: 5 };
  log(`$ staffwell score ${rel(survey)} --scales ${rel(keys)} --na=-99 --id staff_id --impute none --out ${rel(join(outDir, 'scores.csv'))}\n`);
  const scores = await surveyScore(survey, { ...input, id: 'staff_id', impute: 'none', out: join(outDir, 'scores.csv') });
  files.push(scores.out!);
  log(`$ staffwell reliability ${rel(survey)} --scales ${rel(keys)} --na=-99 --min 1 --max 5\n`);
  const reliability = await surveyReliability(survey, { ...input, ...range });
  const rel1 = save('reliability.txt', formatReliability(reliability.scales, reliability.warnings, 'pairwise'));
  log(rel1.split('\n').slice(0, 16).join('\n') + '\n  ... (all seven domains in reliability.txt)\n\n');
  save('reliability.json', formatJson(reliability));
  log(`$ staffwell describe ${rel(survey)} --scales ${rel(keys)} --na=-99 --by site\n`);
  const by = ['site'];
  const desc = save('describe-by-site.txt', formatDescribe(await surveyDescribe(survey, { ...input, ...range, by }), by, 10));
  log(desc.split('\n').map((l) => l.slice(0, 110)).join('\n') + '\n');

  const studyPath = join(ROOT, 'examples/pals/study.yaml');
  log(`2. Study file: ${rel(studyPath)}\n$ staffwell run ${rel(studyPath)} --out ${rel(join(outDir, 'study'))}\n`);
  const { results, files: written } = await studyRun(studyPath, { out: join(outDir, 'study'), scored: [] });
  files.push(...written);
  const [writtenJson, writtenSummary] = written;
  for (const a of results.analyses) {
    if (a.type === 'prevalence') {
      log(`  GHQ-12 caseness: ${a.count} of ${a.n} (${(100 * a.proportion).toFixed(1)}%, 95% CI ${(100 * a.ci_wilson[0]).toFixed(1)}–${(100 * a.ci_wilson[1]).toFixed(1)}%, Wilson)\n`);
      for (const c of a.comparisons) {
        log(`    vs ${c.norm.label}: ${c.norm.percent}%${c.comparable ? '' : ' (criterion differs or unstated: see caveats)'}, exact binomial ${formatP(c.binomial.p)}\n`);
      }
    }
  }
  log(`  full summary: ${rel(writtenSummary)}; results: ${rel(writtenJson)}\n\n`);

  log(`3. Qualitative: interviews and a focus group (examples/qual/, fictional)\n`);
  // The demo's own project: made afresh on every run (a real project is never overwritten).
  rmSync(join(outDir, 'qual'), { recursive: true, force: true });
  const qual = await runQualDemo({ outDir: join(outDir, 'qual'), log: () => undefined });
  files.push(...qual.files);
  log(`  ${qual.documents} transcripts imported and pseudonymised, ${qual.segments} coded segments by two coders\n`);
  const kappas = qual.kappa.filter((k) => Number.isFinite(k.kappa));
  if (kappas.length) {
    log(`  Cohen's kappa per code (character level, NVivo's formula): ${kappas.map((k) => `${k.code} ${k.kappa.toFixed(2)}`).join(', ')}\n`);
  }
  log(`  project ${rel(qual.project)}; key file (keep it apart) ${rel(qual.keyFile)}\n`);
  log(`  REFI-QDA export and matrices in ${rel(join(outDir, 'qual'))}\n\n`);

  // 4. The report of the PALS study with the qualitative project: HTML and Word always, PDF where Chromium is.
  const pdf = findChromium() !== null;
  const report = (ext: string) => join(outDir, `pals-report.${ext}`);
  log(`4. Report\n$ staffwell report ${rel(studyPath)} --qual ${rel(qual.project)} --html ${rel(report('html'))} --docx ${rel(report('docx'))}${pdf ? ` --pdf ${rel(report('pdf'))}` : ''}\n`);
  const built = buildStudyReport(results, { qual: await qualReportData(qual.project) });
  const made = await renderStudyReport(built, { html: true, docx: true, pdf });
  for (const [ext, data] of [['html', made.html], ['docx', made.docx], ['pdf', made.pdf]] as const) {
    if (data === undefined) continue;
    writeFileAtomic(report(ext), data);
    files.push(report(ext));
  }
  log(`  ${rel(report('html'))}, ${rel(report('docx'))}${pdf ? `, ${rel(report('pdf'))}` : ' (no PDF: no Chromium found; apt-get install chromium, or set STAFFWELL_CHROMIUM)'}\n\n`);
  log(`Wrote ${files.length} files under ${rel(outDir)}\n`);
  return { outDir, files };
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < .001' : `p = ${p.toFixed(3).replace(/^0/, '')}`;
}
