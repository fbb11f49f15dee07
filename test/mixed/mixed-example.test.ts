/**
 * The mixed-methods example (examples/mixed/) as the README walks it, with `staffwell` run as a process: propose
 * interviewees from the survey, import and code the interviews, link them to the survey, the three joint
 * displays, a side-by-side row edited and undone, quantitize and a study over the quantitized data (Fisher's
 * exact test of a theme's presence by caseness), qualitize, a profile. Outputs are compared with golden files in
 * test/golden/mixed/ (ids normalised; UPDATE_GOLDEN=1 rewrites them), and the joint displays' numbers with the
 * study results and scored data they come from.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeMixedExample, SELECTION } from '../../scripts/make-mixed-example.ts';
import { STAFFWELL } from '../helpers/cli.ts';
import { roundNumbersForGolden } from '../helpers/golden.ts';

const EXAMPLE = 'examples/mixed';
const GOLDEN = 'test/golden/mixed';
/** The CLI from the sources, runnable from any folder (tsx named by its resolved URL). */
const CLI = STAFFWELL.map((a) => (a === 'tsx' ? import.meta.resolve('tsx') : a));

test('examples/mixed is what scripts/make-mixed-example.ts writes (regenerate it after changing the script)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-mixed-gen-'));
  try {
    await makeMixedExample(dir);
    const made = readdirSync(dir).sort();
    const committed = readdirSync(EXAMPLE).filter((f) => f !== 'README.md').sort();
    assert.deepEqual(committed, made);
    for (const f of made) assert.equal(readFileSync(join(EXAMPLE, f), 'utf8'), readFileSync(join(dir, f), 'utf8'), `${EXAMPLE}/${f} differs from the generator's`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** UUIDs become <id-1>, <id-2>, ... in order of first appearance, so goldens do not depend on random ids. */
function normaliseIds(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => seen.get(u) ?? (seen.set(u, `<id-${seen.size + 1}>`), seen.get(u)!));
}

function golden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  const got = roundNumbersForGolden(normaliseIds(text));
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, got);
    return;
  }
  assert.equal(got, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 to regenerate after reading the difference)`);
}

test('the README path: select → interviews → link → three joint displays → quantitized Fisher test, as golden files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-mixed-ex-'));
  const sw = (...args: string[]) => execFileSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const P = 'wellbeing.qual.sqlite';
  try {
    cpSync(EXAMPLE, dir, { recursive: true });
    // 1. whom to interview: the 12 the example interviewed
    const sel = JSON.parse(
      sw('mixed', 'select', 'study.yaml', '--strategy', SELECTION.strategy, '--score', SELECTION.scores.join(','), '--n', String(SELECTION.n), '--consent', SELECTION.consent, '--seed', String(SELECTION.seed), '--json'),
    );
    golden('selection.json', JSON.stringify(sel, null, 2) + '\n');
    const interviewed = readdirSync(dir).filter((f) => /^int-S\d+\.vtt$/.test(f)).map((f) => f.slice(4, -4)).sort();
    assert.deepEqual(sel.selected.map((s: { id: string }) => s.id).sort(), interviewed);

    // 2. the interviews, pseudonymised on import, and their coding
    sw('qual', 'init', P, '--actor', 'ruth');
    sw('qual', 'participants', 'import', P, 'participants.csv', '--id', 'participant_id', '--actor', 'ruth');
    sw('qual', 'import', P, ...readdirSync(dir).filter((f) => f.endsWith('.vtt')).sort(), '--speakers', 'speakers.csv', '--replacements', 'replacements.csv', '--actor', 'ruth');
    sw('qual', 'apply', P, 'codings.json', '--actor', 'ruth');

    // 3. the link, and what it cannot match
    const check = JSON.parse(sw('mixed', 'link', P, '--study', 'study.yaml', '--actor', 'ruth', '--json'));
    assert.deepEqual(check.unmatchedParticipants, [{ participantId: 'PILOT', nearMatch: null }]);
    assert.equal(check.unmatchedRespondents.length, 138 - 12);
    golden('link-check.json', JSON.stringify(check, null, 2) + '\n');

    // 4. the study's own results, then the joint displays
    sw('run', 'study.yaml', '--out', 'results');
    const results = JSON.parse(readFileSync(join(dir, 'results', 'results.json'), 'utf8'));
    const sbt = sw('mixed', 'joint', P, 'statistics-by-themes', '--json', '--csv', 'sbt.csv');
    golden('statistics-by-themes.json', sbt);
    golden('statistics-by-themes.csv', readFileSync(join(dir, 'sbt.csv'), 'utf8'));
    const cc = sw('mixed', 'joint', P, 'case-comparison', '--by', 'ghq.caseness', '--score', 'ghq.total', '--json', '--html', 'cc.html');
    golden('case-comparison.json', cc);
    golden('case-comparison.html', readFileSync(join(dir, 'cc.html'), 'utf8'));

    const add1 = JSON.parse(
      sw('mixed', 'row', P, 'add', '--domain', 'Psychological distress', '--finding', 'A third of the respondents are GHQ-12 cases', '--analysis', 'ghq-caseness', '--statistic', 'proportion',
        '--themes', 'Running on empty,Looking for the exit', '--fit', 'expansion', '--inference', 'The interviews show what the caseness is made of: understaffing, no breaks, sleep lost to work.', '--actor', 'ruth', '--json'),
    );
    sw('mixed', 'row', P, 'add', '--domain', 'Low scorers', '--finding', 'Non-cases score 0 on the GHQ-12', '--themes', 'Room to decide,Running on empty', '--actor', 'ruth');
    sw('mixed', 'row', P, 'update', add1.id, '--inference', 'Caseness is made of understaffing, no breaks and sleep lost to work.', '--actor', 'ruth');
    const sbs0 = JSON.parse(sw('mixed', 'joint', P, 'side-by-side', '--json'));
    const low = sbs0.rows[1].id;
    sw('mixed', 'row', P, 'update', low, '--fit', 'discordance', '--inference', 'A non-case describes exhaustion the questionnaire does not register.', '--actor', 'ruth');
    sw('mixed', 'row', P, 'delete', low, '--actor', 'ruth');
    sw('qual', 'undo', P, '--actor', 'ruth'); // the delete, audited and undone like any change
    const sbs = sw('mixed', 'joint', P, 'side-by-side', '--json');
    golden('side-by-side.json', sbs);
    const side = JSON.parse(sbs);
    assert.deepEqual(side.fits, { confirmation: 0, expansion: 1, discordance: 1, unjudged: 0 });
    // the side-by-side number is the study's
    const prevalence = results.analyses.find((a: { id: string }) => a.id === 'ghq-caseness');
    assert.equal(side.rows[0].finding.value, prevalence.proportion, `actual ${side.rows[0].finding.value} expected ${prevalence.proportion}`);

    // the statistics-by-themes means are the scored data's, over the theme's participants
    const scored = readFileSync(join(dir, 'results', 'scored.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const [head, ...rows] = scored;
    const idJ = head.indexOf('resp_id');
    const totJ = head.indexOf('ghq_total');
    assert.ok(idJ >= 0 && totJ >= 0, `scored.csv columns: ${head.join(',')}`);
    const total = new Map(rows.map((r) => [r[idJ], r[totJ] === '' ? NaN : Number(r[totJ])]));
    for (const row of JSON.parse(sbt).rows) {
      const s = row.scores.find((x: { ref: string }) => x.ref === 'ghq.total');
      const xs = row.participants.map((p: string) => total.get(p)).filter((x: number | undefined): x is number => x !== undefined && !Number.isNaN(x));
      assert.equal(s.n, xs.length, `${row.label}: n`);
      if (s.suppressed) {
        assert.ok(xs.length < 5 && s.mean === null, `${row.label}: suppressed below the threshold`);
        continue;
      }
      const mean = xs.reduce((a: number, b: number) => a + b, 0) / xs.length;
      assert.ok(Math.abs(s.mean - mean) < 1e-12, `${row.label} mean actual ${s.mean} expected ${mean} difference ${s.mean - mean}`);
    }

    // 5. quantitize: the themes as survey variables, and a study that tests them
    sw('mixed', 'quantitize', P, '--out', 'survey-quantitized.csv');
    sw('run', 'study-quantitized.yaml', '--out', 'results-quantitized');
    const qres = readFileSync(join(dir, 'results-quantitized', 'results.json'), 'utf8');
    golden('quantitized-results.json', qres);
    const fisher = JSON.parse(qres).analyses.find((a: { id: string }) => a.id === 'running-on-empty-by-caseness');
    // the crosstab's counts are the case comparison's: participants with the theme, per caseness level
    const ccRow = JSON.parse(cc).rows.find((r: { label: string }) => r.label === 'Running on empty');
    const groups = JSON.parse(cc).groups.map((g: { label: string }) => g.label);
    const present = fisher.rows.levels.indexOf('1');
    for (const level of ['non-case', 'case']) {
      const got = fisher.counts[present][fisher.cols.levels.indexOf(level)];
      const want = ccRow.cells[groups.indexOf(level)].participants.length;
      assert.equal(got, want, `${level}: crosstab ${got}, case comparison ${want}`);
    }
    assert.ok(fisher.result.p < 0.05, `Fisher p ${fisher.result.p}`);

    // 6. qualitize: the survey's scores as attributes; then one person across both
    sw('mixed', 'qualitize', P, '--actor', 'ruth');
    const q = sw('qual', 'query', P, '--theme', 'Running on empty', '--where', 'ghq.caseness=non-case');
    assert.match(q, /S017/);
    assert.match(q, /^1 segment\(s\)$/m);
    golden('profile.json', sw('mixed', 'profile', P, interviewed.at(-1)!, '--json'));
    golden('check.txt', sw('mixed', 'check', P));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mixed CLI errors: an unlinked project says how to link it (exit 1); an unknown display is bad usage (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-mixed-err-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8' });
  try {
    assert.equal(run('qual', 'init', 'p.qual.sqlite', '--actor', 'a').status, 0);
    const unlinked = run('mixed', 'joint', 'p.qual.sqlite', 'statistics-by-themes');
    assert.equal(unlinked.status, 1, unlinked.stderr);
    assert.match(unlinked.stderr, /not linked to a study.*staffwell mixed link/s);
    const bad = run('mixed', 'joint', 'p.qual.sqlite', 'bar-chart');
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /unknown joint display.*"bar-chart"/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
