/**
 * The workspace's mixed-methods routes in process (`app.request`) on the linked example (examples/mixed/, built
 * through the services): the link status, a profile equal to `mixedProfile`'s with the cut-offs behind its
 * classifications, the three joint displays with the CLI's tables, suppression below the study's minGroup, and
 * clear 4xx answers for an unlinked project, an unknown participant and a study file that has gone.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseComparisonRows, statisticsByThemesRows } from '../../src/mixed/display-tables.ts';
import { createWorkspaceApp } from '../../src/server/app.ts';
import { mixedCaseComparison, mixedStatisticsByThemes } from '../../src/services/mixed-displays.ts';
import { mixedCheck, mixedProfile } from '../../src/services/mixed-link.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { makeLinkedExample } from '../helpers/linked-example.ts';

const HOST = '127.0.0.1:4321';
const TOKEN = 'test-token-mixed';

async function setup(t: test.TestContext, options: { link?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-mixed-routes-'));
  const path = await makeLinkedExample(dir, options);
  const project = openQualProject({ path });
  const { app, feed } = createWorkspaceApp({ project, projectPath: path, folder: dir, token: TOKEN, actor: 'Researcher', hosts: () => [HOST], files: new Map(), pollMs: 50 });
  t.after(() => {
    feed.close();
    project.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (p: string): Promise<{ status: number; body: any }> => {
    const r = await app.request(`http://${HOST}${p}`, { headers: { host: HOST, 'x-staffwell-token': TOKEN } });
    return { status: r.status, body: await r.json() };
  };
  return { dir, path, project, ctx: { baseDir: dir }, get };
}

test('the link status: study path as stored (relative), matched and unmatched ids from mixedCheck', async (t) => {
  const { get, project, ctx } = await setup(t);
  const { status, body } = await get('/api/mixed');
  assert.equal(status, 200);
  assert.equal(body.linked, true);
  assert.equal(body.study, 'study.yaml');
  assert.equal(body.minGroup, 5);
  assert.deepEqual(body.check, await mixedCheck(project, ctx));
  assert.deepEqual(body.check.unmatchedParticipants, [{ participantId: 'PILOT', nearMatch: null }]);
  assert.ok(body.variables.some((v: { ref: string; kind: string }) => v.ref === 'ghq.caseness' && v.kind === 'classification'));
  assert.deepEqual(body.displays, ['side-by-side']);
});

test('a profile is what mixedProfile returns, with the cut-off behind each classification', async (t) => {
  const { get, project, ctx } = await setup(t);
  const { status, body } = await get('/api/mixed/profile/S017');
  assert.equal(status, 200);
  assert.deepEqual(body.profile, await mixedProfile(project, 'S017', ctx));
  const total = body.profile.survey.values.find((v: { ref: string }) => v.ref === 'ghq.total');
  assert.equal(typeof total.value, 'number');
  const caseness = body.rules.find((r: { ref: string }) => r.ref === 'ghq.caseness');
  assert.equal(caseness.cutoff, 4);
  assert.equal(caseness.of, 'ghq.total');
  assert.deepEqual(caseness.levels.map((l: { range: string }) => l.range), ['< 4', '≥ 4']);
  // a second cut-off, under the scoring method it is computed with (the Likert total, not the GHQ one)
  const bands = body.rules.find((r: { ref: string }) => r.ref === 'ghq.likert_distress');
  assert.deepEqual([bands.cutoff, bands.scoring, bands.levels.map((l: { range: string }) => l.range)], [13, 'likert', ['< 13', '≥ 13']]);
  // the pilot interview is a participant with no survey row: a profile without scores, not an error
  const pilot = await get('/api/mixed/profile/PILOT');
  assert.equal(pilot.status, 200);
  assert.equal(pilot.body.profile.survey, null);
});

test('an unknown participant is a 404 naming the field and some ids', async (t) => {
  const { get } = await setup(t);
  const { status, body } = await get('/api/mixed/profile/NOBODY');
  assert.equal(status, 404);
  assert.equal(body.error.field, 'participant');
  assert.match(body.error.hint, /S017/);
});

test('the joint displays are the services’ with the CLI’s tables; groups below minGroup carry no numbers', async (t) => {
  const { get, project, ctx } = await setup(t);
  const sbt = await get('/api/mixed/statistics-by-themes');
  assert.equal(sbt.status, 200);
  const expected = await mixedStatisticsByThemes(project, ctx);
  assert.deepEqual(sbt.body.display, expected);
  assert.deepEqual(sbt.body.table, statisticsByThemesRows(expected));
  // suppression: every score over fewer than 5 linked participants is sent without numbers, and says so in the table
  const small = sbt.body.display.rows.flatMap((r: { scores: { n: number }[] }) => r.scores).filter((s: { n: number }) => s.n > 0 && s.n < 5);
  assert.ok(small.length > 0, 'the example has a theme with fewer than 5 linked participants');
  for (const s of small) assert.deepEqual([s.mean, s.sd, s.suppressed], [null, null, true]);
  assert.ok(sbt.body.table.flat().some((c: string) => c === 'suppressed (n < 5)'));
  for (const r of sbt.body.display.rows) {
    for (const c of r.classifications) for (const k of c.counts) assert.ok(k === null || k >= 5 || k === 0, `a count below 5 is sent: ${r.label} ${k}`);
  }

  const cc = await get('/api/mixed/case-comparison?by=ghq.caseness&score=ghq.total');
  assert.equal(cc.status, 200);
  const ccExpected = await mixedCaseComparison(project, ctx, { by: 'ghq.caseness', score: 'ghq.total' });
  assert.deepEqual(cc.body.display, ccExpected);
  assert.deepEqual(cc.body.table, caseComparisonRows(ccExpected));
  for (const r of cc.body.display.rows) {
    for (const cell of r.cells) if (cell.score && cell.score.n < 5) assert.equal(cell.score.mean, null, `cell of ${r.label} below 5 has no mean`);
  }
  // by defaults to the first classification
  assert.equal((await get('/api/mixed/case-comparison')).body.display.by.ref, 'ghq.caseness');
  const bad = await get('/api/mixed/case-comparison?by=nope');
  assert.equal(bad.status, 404);
  assert.equal(bad.body.error.field, 'by');

  const sbs = await get('/api/mixed/side-by-side');
  assert.equal(sbs.status, 200);
  assert.equal(sbs.body.display.rows.length, 1);
  assert.equal(sbs.body.display.rows[0].finding.problem, null);
  assert.equal(typeof sbs.body.display.rows[0].finding.value, 'number');
  assert.equal(sbs.body.table[0][0], 'domain');
  const none = await get('/api/mixed/side-by-side?display=other');
  assert.equal(none.status, 404);
  assert.match(none.body.error.message, /side-by-side/);
});

test('an unlinked project: the status says how to link; profiles and displays are 404s with that command', async (t) => {
  const { get } = await setup(t, { link: false });
  const status = await get('/api/mixed');
  assert.equal(status.status, 200);
  assert.deepEqual(status.body, { linked: false, command: 'staffwell mixed link wellbeing.qual.sqlite --study STUDY.yaml' });
  for (const p of ['/api/mixed/profile/S017', '/api/mixed/statistics-by-themes', '/api/mixed/case-comparison?by=ghq.caseness', '/api/mixed/side-by-side']) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.body.error.message, /not linked/, p);
    assert.match(r.body.error.message, /staffwell mixed link/, p);
  }
});

test('a linked study file that has gone is a 400 naming it, never a 500', async (t) => {
  const { get, dir } = await setup(t);
  renameSync(join(dir, 'study.yaml'), join(dir, 'study-moved.yaml'));
  for (const p of ['/api/mixed', '/api/mixed/profile/S017', '/api/mixed/statistics-by-themes']) {
    const r = await get(p);
    assert.equal(r.status, 400, p);
    assert.match(r.body.error.message, /linked study file is not there/, p);
  }
});

test('the joined data are cached until a command is committed or the study or its data file changes (mtime)', async (t) => {
  const { get, project, dir } = await setup(t);
  const total = async () => (await get('/api/mixed/profile/S017')).body.profile.survey.values.find((v: { ref: string }) => v.ref === 'ghq.total').value;
  const csv = join(dir, 'survey.csv');
  const mtime = new Date(Math.floor(statSync(csv).mtimeMs / 1000) * 1000 - 60_000); // whole ms, as utimes sets it
  utimesSync(csv, mtime, mtime);
  assert.equal(await total(), 0);
  const text = readFileSync(csv, 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('S017,'))!;
  writeFileSync(csv, text.replace(line, line.replace(/(,yes)(,0){12}/, '$1' + ',3'.repeat(12))));
  utimesSync(csv, mtime, mtime);
  assert.equal(await total(), 0, 'same mtimes, same log: the cached join is served');
  utimesSync(csv, mtime, new Date(mtime.getTime() + 5000));
  assert.equal(await total(), 12, 'the data file changed: read again');
  // a command (here, from another handle on the file, as the CLI would) moves the log on: the codings are read again
  const segments = async () => (await get('/api/mixed/profile/S017')).body.profile.segments as number;
  const had = await segments();
  const first = (await project.store.listSegments()).find((x) => x.participantId === 'S017')!;
  await project.as('ruth').apply({ type: 'segment.delete', id: first.id });
  assert.equal(await segments(), had - 1, 'a committed command: read again');
  const study = join(dir, 'study.yaml');
  writeFileSync(study, readFileSync(study, 'utf8').replace('cutoffs: { caseness: 4 }', 'cutoffs: { caseness: 3 }'));
  utimesSync(study, new Date(), new Date(Date.now() + 10_000));
  const after = await get('/api/mixed/profile/S017');
  assert.equal(after.status, 200, JSON.stringify(after.body));
  const rules = after.body.rules;
  assert.equal(rules.find((r: { ref: string }) => r.ref === 'ghq.caseness').cutoff, 3, 'the study file changed: read again');
});
