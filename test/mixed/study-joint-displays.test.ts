import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { StaffwellError } from '../../src/errors.ts';
import { mixedCaseComparison, mixedSideBySide, mixedStatisticsByThemes } from '../../src/services/mixed-displays.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { studyResults, studyRun } from '../../src/services/study-run.ts';
import type { PrevalenceResult } from '../../src/study/study-results.ts';
import { makeLinkedExample, PROJECT_FILE } from '../helpers/linked-example.ts';
import mammoth from 'mammoth';
import { buildStudyReport } from '../../src/report/study-report.ts';
import { renderStudyReport } from '../../src/services/report.ts';
import { spawnSync } from 'node:child_process';
import { STAFFWELL } from '../helpers/cli.ts';

const MIXED = `mixed:
  project: ${PROJECT_FILE}
  displays:
    - { type: statistics-by-themes, scores: [ghq.total] }
    - { id: cases, type: case-comparison, by: ghq.caseness, score: ghq.total }
    - { type: side-by-side }
`;

function cli(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [...STAFFWELL, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

async function example(): Promise<{ dir: string; study: string; project: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sw-study-joint-'));
  const project = await makeLinkedExample(dir);
  return { dir, study: join(dir, 'study.yaml'), project };
}

test('staffwell run with mixed: the three joint displays in results.json, equal to staffwell mixed joint, the side-by-side statistic from this run', async () => {
  const { dir, study, project } = await example();
  try {
    appendFileSync(study, MIXED);
    const { results, files } = await studyRun(study, { scored: [] });
    assert.deepEqual(results.joint_displays!.map((j) => `${j.id}:${j.display.display}`), ['statistics-by-themes:statistics-by-themes', 'cases:case-comparison', 'side-by-side:side-by-side']);
    const p = openQualProject({ path: project, keyPath: null });
    try {
      const ctx = { baseDir: dir };
      assert.deepEqual(results.joint_displays![0].display, await mixedStatisticsByThemes(p, ctx, { scores: ['ghq.total'] }));
      assert.deepEqual(results.joint_displays![1].display, await mixedCaseComparison(p, ctx, { by: 'ghq.caseness', score: 'ghq.total' }));
      // mixed joint side-by-side reads results/results.json, which this run has just written
      assert.deepEqual(results.joint_displays![2].display, await mixedSideBySide(p, ctx));
    } finally {
      p.close();
    }
    const sbs = results.joint_displays![2].display;
    assert.equal(sbs.display, 'side-by-side');
    const prevalence = results.analyses.find((a) => a.id === 'ghq-caseness') as PrevalenceResult;
    if (sbs.display === 'side-by-side') assert.equal(sbs.rows[0].finding.value, prevalence.proportion, 'the row quotes this run\'s proportion');
    const written = JSON.parse(readFileSync(files[0], 'utf8'));
    assert.deepEqual(written.joint_displays, JSON.parse(JSON.stringify(results.joint_displays)));
    const summary = readFileSync(files[1], 'utf8');
    assert.match(summary, /Joint displays\n-+\nstatistics-by-themes: statistics by themes, 4 themes with ghq\.total, ghq\.caseness, ghq\.likert_distress\ncases: case comparison of 4 themes by ghq\.caseness \(non-case 6, case 6, not in survey 1\), with ghq\.total\nside-by-side: side by side "side-by-side", 1 row \(expansion 1\)/);
    // the report (HTML and Word, read back): a section per display, with the CLI's cells
    const report = buildStudyReport(results, { date: '2026-12-04' });
    const headings = report.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    assert.deepEqual(headings.slice(headings.indexOf('Joint displays')), ['Joint displays', 'Statistics by themes', 'Case comparison: themes by GHQ caseness (GHQ method)', 'Side by side: side-by-side', ...headings.slice(headings.indexOf('Joint displays') + 4)]);
    const { html, docx } = await renderStudyReport(report, { html: true, docx: true });
    const word = (await mammoth.extractRawText({ buffer: docx! })).value;
    for (const text of [html!, word]) {
      assert.match(text, /Joint displays/);
      assert.match(text, /Running on empty/);
      assert.match(text, /A third are GHQ-12 cases/);
      assert.match(text, /Scores over fewer than 5 participants, and counts of fewer/);
    }
    // the same from the CLI, as a user runs it
    const r = cli('run', study, '--scored', 'none', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).joint_displays, written.joint_displays);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mixed: a project not there yet is a warning (the survey comes first); unlinked, linked elsewhere or a wrong option is an error naming the field, and nothing is written', async () => {
  const { dir, study, project } = await example();
  try {
    const base = readFileSync(study, 'utf8');
    const withMixed = (m: string) => base + m;
    writeFileSync(study, withMixed(MIXED.replace(PROJECT_FILE, 'interviews.qual.sqlite')));
    const r = await studyResults(study);
    assert.deepEqual(r.joint_displays, []);
    assert.match(r.warnings.at(-1)!, /^mixed\.project: the qualitative project interviews\.qual\.sqlite is not there/);

    const results = join(dir, 'results', 'results.json');
    const before = statSync(results).mtimeMs;
    const expectStudyError = async (text: string, pattern: RegExp) => {
      writeFileSync(study, withMixed(text));
      await assert.rejects(studyRun(study, { scored: [] }), (e: unknown) => e instanceof StaffwellError && pattern.test(e.message));
      assert.equal(statSync(results).mtimeMs, before, 'results.json untouched');
    };
    await expectStudyError(MIXED.replace('by: ghq.caseness', 'by: ghq.casenes'), /study\.yaml, field "mixed\.displays\[2\]\.by":/);
    await expectStudyError(MIXED.replace('{ type: side-by-side }', '{ type: side-by-side, display: findings }'), /field "mixed\.displays\[3\]\.display": the project has no side-by-side display of this name \(value "findings"\)\. Its displays are: side-by-side/);
    await expectStudyError(MIXED.replace('    - { type: side-by-side }\n', '    - { id: cases, type: side-by-side }\n'), /field "mixed\.displays\[3\]\.id": two joint displays share an id/);
    await expectStudyError(MIXED.replace('type: case-comparison,', 'type: case-comparison, unit: quotes,'), /field "mixed\.displays\[2\]\.unit"/);
    // the project linked to another study file
    copyFileSync(study, join(dir, 'other.yaml'));
    writeFileSync(join(dir, 'other.yaml'), withMixed(MIXED));
    await assert.rejects(studyResults(join(dir, 'other.yaml')), /other\.yaml, field "mixed\.project": the qualitative project is linked to another study \(study\.yaml\)/);
    // an unlinked project (the CLI: exit 1, the message names the field and how to link)
    const { mixedUnlink } = await import('../../src/services/mixed-link.ts');
    const p = openQualProject({ path: project });
    try {
      await mixedUnlink(p.as('ruth'));
    } finally {
      p.close();
    }
    writeFileSync(study, withMixed(MIXED));
    const c = cli('run', study, '--scored', 'none');
    assert.equal(c.status, 1, c.stderr);
    assert.match(c.stderr, /study\.yaml, field "mixed\.project": the qualitative project is not linked to a study \(value "wellbeing\.qual\.sqlite"\)\. Link it first: staffwell mixed link wellbeing\.qual\.sqlite --study/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
