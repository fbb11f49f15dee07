/**
 * The results pane's API in process: a study file of the workspace folder run and cached by mtime (study, data,
 * and the instrument and norms files it reads), run again on request, its HTML report downloaded; a broken study answers 400 naming the file, line or
 * field; a path outside the folder answers 403.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { createWorkspaceApp } from '../../src/server/app.ts';
import { studyResults } from '../../src/services/study-run.ts';
import { writePalsStudy } from '../helpers/pals-study.ts';
import { makeLinkedExample, PROJECT_FILE } from '../helpers/linked-example.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { mixedRowAdd } from '../../src/services/mixed-displays.ts';

const HOST = '127.0.0.1:4321';
const TOKEN = 'test-token-study';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
async function setup(t: test.TestContext) {
  const root = mkdtempSync(join(tmpdir(), 'staffwell-study-'));
  const dir = join(root, 'ws');
  mkdirSync(dir);
  const project = await createProject(join(dir, 'p.qual.sqlite'), { actor: 'owner', name: 'Study test' });
  const { app, feed } = createWorkspaceApp({ project, projectPath: join(dir, 'p.qual.sqlite'), folder: dir, token: TOKEN, actor: 'Researcher', hosts: () => [HOST], files: new Map() });
  t.after(() => {
    feed.close();
    project.close();
    rmSync(root, { recursive: true, force: true });
  });
  const get = (path: string) => Promise.resolve(app.request(`http://${HOST}${path}`, { headers: { host: HOST, 'x-staffwell-token': TOKEN } }));
  return { root, dir, get };
}

test('GET /api/study runs a study file of the folder, caches it until the study or its data change, and runs again on request', async (t) => {
  const { dir, get } = await setup(t);
  const file = writePalsStudy(dir);
  const first = await get('/api/study?path=study.yaml');
  assert.equal(first.status, 200);
  const body = await json(first);
  const expected = await studyResults(file);
  assert.equal(body.path, 'study.yaml');
  assert.equal(body.name, 'PALS staff wellbeing survey (synthetic demo)');
  assert.equal(body.n, 300);
  assert.equal(body.cached, false);
  // the same results as the CLI's run (the engine's timings aside)
  const { engine: _, ...same } = expected;
  assert.deepEqual({ ...body.results, engine: undefined }, { ...JSON.parse(JSON.stringify(same)), engine: undefined });
  // the small site is suppressed in the results themselves: no numbers travel to the browser
  const bySite = body.results.analyses.find((a: { id: string }) => a.id === 'hse-by-site');
  const lakeside = bySite.groups.find((g: { by: { site: string } }) => g.by.site === 'Lakeside Unit');
  assert.equal(lakeside.suppressed, true);
  assert.deepEqual(lakeside.scales, {});

  assert.equal((await json(get('/api/study?path=study.yaml'))).cached, true);
  assert.equal((await json(get('/api/study?path=study.yaml&fresh=1'))).cached, false);
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, 'demo-survey.csv'), later, later);
  assert.equal((await json(get('/api/study?path=study.yaml'))).cached, false, 'a changed data file runs the study again');
  utimesSync(file, later, new Date(Date.now() + 10000));
  assert.equal((await json(get('/api/study?path=study.yaml'))).cached, false, 'a changed study file runs it again');
});

test('GET /api/study runs the study again when an instrument definition or norms file it reads changes', async (t) => {
  const { dir, get } = await setup(t);
  const rows = Array.from({ length: 30 }, (_, i) => `R${i},${1 + (i % 3)},${1 + ((i * 7) % 3)}`);
  writeFileSync(join(dir, 'd.csv'), `id,x1,x2\n${rows.join('\n')}\n`);
  const definition = (rule: string) => `id: two
name: Two items
version: "1"
citation: {authors: [Test], year: 2026, title: Test, source: Test}
licence: {name: CC0, wordingIncluded: false, notes: test}
verification: {verified: true, sources: [test]}
responseOptions: [{code: 1}, {code: 2}, {code: 3}]
items: [{id: x1}, {id: x2}]
subscales: [{id: total, items: [x1, x2], rule: {type: ${rule}}}]
`;
  const norms = (mean: number) => `norms:
  - id: test-two-mean
    label: FICTIONAL two-item mean (tests only)
    kind: mean
    instrument: two
    scale: total
    mean: ${mean}
    sd: 1
    n: 100
    scoring: sum of 2 items 1-3 (fictional)
    threshold: null
    population: { description: Fictional population for tests, country: Nowhere, n: 100 }
    citation: { authors: [Staffwell tests], year: 2026, title: Fictional mean for tests only, source: test }
    verification: { how: Made up for tests, sources: [test] }
`;
  writeFileSync(join(dir, 'def.yaml'), definition('sum'));
  mkdirSync(join(dir, 'norms'));
  writeFileSync(join(dir, 'norms', 'two.yaml'), norms(4));
  writeFileSync(
    join(dir, 'study.yaml'),
    `name: files test
data: { file: d.csv, id: id }
norms: [norms/two.yaml]
instruments: [{ name: t, instrument: def.yaml, items: "x{n}" }]
analyses:
  - { id: d, type: describe, scores: [t.total] }
  - { id: nm, type: norm-means, score: t.total, norms: [test-two-mean] }
`,
  );
  const run = async () => {
    const body = await json(get('/api/study?path=study.yaml'));
    const analysis = (id: string) => body.results.analyses.find((a: { id: string }) => a.id === id);
    return { cached: body.cached as boolean, describe: JSON.stringify(analysis('d')), normMeans: JSON.stringify(analysis('nm')) };
  };
  const first = await run();
  assert.equal(first.cached, false);
  assert.equal((await run()).cached, true);
  let stamp = Date.now();
  const touch = (file: string) => {
    stamp += 5000;
    utimesSync(join(dir, file), new Date(stamp), new Date(stamp));
  };

  writeFileSync(join(dir, 'norms', 'two.yaml'), norms(5));
  touch('norms/two.yaml');
  const renormed = await run();
  assert.equal(renormed.cached, false, 'a changed norms file runs the study again');
  assert.notEqual(renormed.normMeans, first.normMeans, 'the comparison with the changed norm');
  assert.equal(renormed.describe, first.describe);
  assert.equal((await run()).cached, true);

  writeFileSync(join(dir, 'def.yaml'), definition('mean'));
  touch('def.yaml');
  const rescored = await run();
  assert.equal(rescored.cached, false, 'a changed instrument definition file runs the study again');
  assert.notEqual(rescored.describe, renormed.describe, 'the scores under the changed scoring rule');
  assert.equal((await run()).cached, true);
});

test('GET /api/study/report.html downloads the self-contained HTML report of the study', async (t) => {
  const { dir, get } = await setup(t);
  writePalsStudy(dir, 'pals.yaml');
  const r = await get('/api/study/report.html?path=pals.yaml');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="pals-report.html"');
  const html = await r.text();
  assert.match(html, /<title>PALS staff wellbeing survey \(synthetic demo\)<\/title>/);
  assert.match(html, /<td class="r suppressed">suppressed \(n &lt; 10\)<\/td>/);
  assert.doesNotMatch(html, /<script/i);
});

test('a broken study file answers 400 with the file, the field or line, never a 500; a fixed file runs', async (t) => {
  const { dir, get } = await setup(t);
  const file = writePalsStudy(dir, 'broken.yaml');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.replace('{ id: hse-by-site, type: describe, scores: [hse.*], by: [site] }', '{ id: hse-by-site, type: describe, scores: [hse.*], byy: [site] }'));
  const r = await get('/api/study?path=broken.yaml');
  assert.equal(r.status, 400);
  const { error } = await json(r);
  assert.equal(error.code, 'invalid-study');
  assert.equal(error.file, 'broken.yaml', 'named as the browser named it, not by its absolute path');
  assert.equal(error.field, 'analyses[2].byy');
  assert.match(error.message, /^broken\.yaml, field "analyses\[2\]\.byy": unknown field "byy"; did you mean "by"\?/);
  assert.ok(!error.message.includes(dir), 'the absolute path stays on the server');

  writeFileSync(file, 'name: x\ndata:\n  file: [unclosed\n');
  const syntax = (await json(get('/api/study?path=broken.yaml'))).error;
  assert.equal(syntax.file, 'broken.yaml');
  assert.equal(syntax.line, 4);

  writeFileSync(file, good.replace('scores: [ghq.total, jss.total, swemwbs.raw_total, hse.*] }', 'scores: [ghq.totl] }'));
  const ref = await get('/api/study?path=broken.yaml');
  assert.equal(ref.status, 400);
  assert.match((await json(ref)).error.message, /ghq\.totl/);

  // a problem in the data file: named relative to the folder, with its line
  writeFileSync(file, good);
  const csv = readFileSync(join(dir, 'demo-survey.csv'), 'utf8');
  writeFileSync(join(dir, 'demo-survey.csv'), `${csv.trimEnd()}\nS999,Lakeside Unit\n`);
  const data = await get('/api/study?path=broken.yaml');
  assert.equal(data.status, 400);
  const dataError = (await json(data)).error;
  assert.equal(dataError.file, 'demo-survey.csv');
  assert.equal(dataError.line, 302);
  assert.ok(!dataError.message.includes(dir), dataError.message);

  writeFileSync(join(dir, 'demo-survey.csv'), csv);
  assert.equal((await get('/api/study?path=broken.yaml')).status, 200);

  // hints name the folders relative to the workspace folder: a missing data file, from the folder and a subfolder
  writeFileSync(file, good.replace('file: demo-survey.csv', 'file: wave-2.csv'));
  const missing = (await json(get('/api/study?path=broken.yaml'))).error;
  assert.equal(missing.field, 'data.file');
  assert.equal(missing.hint, "give the path relative to the study file's folder (the workspace folder)");
  mkdirSync(join(dir, 'studies', '2026'), { recursive: true });
  writeFileSync(join(dir, 'studies', '2026', 'wave2.yaml'), good.replace('file: demo-survey.csv', 'file: wave-2.csv'));
  const nested = (await json(get('/api/study?path=studies/2026/wave2.yaml'))).error;
  assert.equal(nested.file, 'studies/2026/wave2.yaml');
  assert.equal(nested.hint, "give the path relative to the study file's folder (studies/2026)");
  for (const e of [missing, nested]) assert.ok(!JSON.stringify(e).includes(dir), JSON.stringify(e));
  // a file the folder lacks: the hint says how files are named, not where the folder is
  const none = (await json(get('/api/study?path=gone.yaml'))).error;
  assert.ok(!JSON.stringify(none).includes(dir), JSON.stringify(none));
  assert.match(none.hint, /relative to the workspace folder/);
});

test('a study outside the workspace folder is refused (403); a missing one is 404; other files are not studies', async (t) => {
  const { root, dir, get } = await setup(t);
  writePalsStudy(root, 'outside.yaml');
  const out = await get('/api/study?path=../outside.yaml');
  assert.equal(out.status, 403);
  assert.equal((await json(out)).error.code, 'forbidden');
  assert.equal((await get(`/api/study?path=${encodeURIComponent(join(root, 'outside.yaml'))}`)).status, 403);
  assert.equal((await get('/api/study/report.html?path=../outside.yaml')).status, 403);
  assert.equal((await get('/api/study?path=none.yaml')).status, 404);
  writeFileSync(join(dir, 'notes.txt'), 'x');
  assert.equal((await get('/api/study?path=notes.txt')).status, 400);
  assert.equal((await get('/api/study')).status, 400);
});

test('GET /api/study of a study naming its qualitative project has the joint displays, run again when the project changes', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'staffwell-study-mixed-'));
  const projectPath = await makeLinkedExample(root);
  writeFileSync(join(root, 'study.yaml'), readFileSync(join(root, 'study.yaml'), 'utf8') + `mixed:\n  project: ${PROJECT_FILE}\n  displays:\n    - { type: statistics-by-themes }\n    - { type: side-by-side }\n`);
  const project = openQualProject({ path: projectPath });
  const { app, feed } = createWorkspaceApp({ project, projectPath, folder: root, token: TOKEN, actor: 'Researcher', hosts: () => [HOST], files: new Map() });
  t.after(() => {
    feed.close();
    project.close();
    rmSync(root, { recursive: true, force: true });
  });
  const get = (path: string) => Promise.resolve(app.request(`http://${HOST}${path}`, { headers: { host: HOST, 'x-staffwell-token': TOKEN } }));
  const body = await json(get('/api/study?path=study.yaml'));
  assert.deepEqual(body.results.joint_displays.map((j: { id: string }) => j.id), ['statistics-by-themes', 'side-by-side']);
  assert.equal(body.results.joint_displays[1].display.rows.length, 1);
  assert.equal((await json(get('/api/study?path=study.yaml'))).cached, true);
  await mixedRowAdd(project.as('ruth'), { domain: 'Support', finding: { text: 'Most feel supported by peers' }, themes: ['Running on empty'] });
  const again = await json(get('/api/study?path=study.yaml'));
  assert.equal(again.cached, false, 'a change to the project runs the study again');
  assert.equal(again.results.joint_displays[1].display.rows.length, 2);
});
