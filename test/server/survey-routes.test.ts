/**
 * The survey data view's API in process: a folder file by its relative path (columns, labels, SPSS user-missing
 * values, head, instrument suggestions), missing-value codes that re-read, an Excel sheet; a dropped file read from
 * a temporary copy that is deleted; and the refusals (outside the folder 403, unknown 404, bad codes or sheet 400).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createProject } from '../../src/qual/open-project.ts';
import { createWorkspaceApp } from '../../src/server/app.ts';

const HOST = '127.0.0.1:4321';
const TOKEN = 'survey-token';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function setup(t: test.TestContext) {
  const base = mkdtempSync(join(tmpdir(), 'staffwell-survey-api-'));
  const dir = join(base, 'work');
  mkdirSync(join(dir, 'waves'), { recursive: true });
  copyFileSync('examples/demo-survey.csv', join(dir, 'demo-survey.csv'));
  copyFileSync('test/fixtures/sav/pspp-compressed.sav', join(dir, 'waves', 'pspp.sav'));
  writeFileSync(join(dir, 'codes.csv'), 'id,age,q1,q2\n1,34,1,-99\n2,N/A,2,3\n3,51,999,4\n4,29,3,\n');
  writeFileSync(join(base, 'outside.csv'), 'id\n1\n');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['note']);
  const ws = wb.addWorksheet('Responses');
  ws.addRow(['id', 'ghq_1']);
  ws.addRow(['a', 2]);
  await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
  const project = await createProject(join(dir, 'p.qual.sqlite'), { actor: 'owner', name: 'Survey API' });
  const { app, feed } = createWorkspaceApp({ project, projectPath: join(dir, 'p.qual.sqlite'), folder: dir, token: TOKEN, actor: 'Researcher', hosts: () => [HOST], files: new Map() });
  t.after(() => {
    feed.close();
    project.close();
    rmSync(base, { recursive: true, force: true });
  });
  const headers = { host: HOST, 'x-staffwell-token': TOKEN };
  const get = async (query: string) => {
    const r = await app.request(`http://${HOST}/api/survey?${query}`, { headers });
    return { status: r.status, body: (await r.json()) as Json };
  };
  const post = async (body: unknown) => {
    const r = await app.request(`http://${HOST}/api/survey/preview`, { method: 'POST', headers: { ...headers, origin: `http://${HOST}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Json };
  };
  const sheets = async (query: string) => {
    const r = await app.request(`http://${HOST}/api/survey/sheets?${query}`, { headers });
    return { status: r.status, body: (await r.json()) as Json };
  };
  const folderList = async () => {
    const r = await app.request(`http://${HOST}/api/folder`, { headers });
    return { status: r.status, body: (await r.json()) as Json };
  };
  const postSheets = async (body: unknown) => {
    const r = await app.request(`http://${HOST}/api/survey/sheets`, { method: 'POST', headers: { ...headers, origin: `http://${HOST}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Json };
  };
  return { dir, get, post, sheets, postSheets, folderList };
}

test('a survey file by path: columns with kinds, missing cells and ranges, the head, and the instruments it looks like', async (t) => {
  const { get } = await setup(t);
  const { status, body } = await get('path=demo-survey.csv');
  assert.equal(status, 200);
  assert.equal(body.path, 'demo-survey.csv');
  assert.equal(body.format, 'csv');
  assert.equal(body.rows, 300);
  assert.deepEqual(body.na, []);
  assert.equal(body.head.length, 20);
  assert.equal(body.head[0][0], 'S0001');
  assert.equal(body.head[0][7], null, 'an empty cell is sent as missing');
  const hse1 = body.columns.find((c: { name: string }) => c.name === 'hse_1');
  assert.deepEqual(hse1, { name: 'hse_1', kind: 'number', missing: 8, distinct: 6, min: -99, max: 5 }, 'the demo codes a missing answer -99');
  const coded = (await get('path=demo-survey.csv&na=-99')).body.columns.find((c: { name: string }) => c.name === 'hse_1');
  assert.deepEqual(coded, { name: 'hse_1', kind: 'number', missing: 11, distinct: 5, min: 1, max: 5 });
  assert.deepEqual(
    body.suggestions.map((s: { instrument: string; match: string; pattern: string }) => `${s.instrument} ${s.match} ${s.pattern}`),
    ['ghq12 ids ghq_{n}', 'hse-indicator-tool ids hse_{n}', 'warr-cook-wall count jss_{n}', 'swemwbs count swemwbs_{n}'],
  );
  assert.ok(!('table' in body) && !('source' in body), 'no data beyond the head, no absolute path');
});

test('missing-value codes re-read the file; a text column that is mostly numbers names the other answers', async (t) => {
  const { get } = await setup(t);
  const plain = (await get('path=codes.csv')).body;
  const col = (b: { columns: { name: string }[] }, n: string) => b.columns.find((c) => c.name === n) as Record<string, unknown>;
  assert.deepEqual(col(plain, 'q1'), { name: 'q1', kind: 'number', missing: 0, distinct: 4, min: 1, max: 999 });
  assert.deepEqual(col(plain, 'age').notNumbers, { rows: 1, values: ['N/A'] }, 'mostly numbers: the answer that is not is named');
  const coded = (await get('path=codes.csv&na=-99&na=999&na=N%2FA')).body;
  assert.deepEqual(coded.na, ['-99', '999', 'N/A']);
  assert.deepEqual(col(coded, 'q1'), { name: 'q1', kind: 'number', missing: 1, distinct: 3, min: 1, max: 3 });
  assert.deepEqual(col(coded, 'q2'), { name: 'q2', kind: 'number', missing: 2, distinct: 2, min: 3, max: 4 });
  assert.equal(col(coded, 'age').kind, 'number');
  assert.deepEqual(coded.head[0], ['1', '34', '1', null]);
});

test('SPSS: variable and value labels, and the user-missing values the file declares', async (t) => {
  const { get } = await setup(t);
  const { status, body } = await get('path=waves%2Fpspp.sav');
  assert.equal(status, 200);
  assert.equal(body.format, 'sav');
  const item1 = body.columns.find((c: { name: string }) => c.name === 'item1');
  assert.equal(item1.label, 'Felt calm at work');
  assert.deepEqual(item1.valueLabels[0], { value: 1, label: 'Never' });
  assert.deepEqual(item1.userMissing, ['9']);
  assert.deepEqual(body.columns.find((c: { name: string }) => c.name === 'item2').userMissing, ['97 thru 99']);
  const site = body.columns.find((c: { name: string }) => c.name === 'site');
  assert.deepEqual(site.valueLabels, [{ value: 'Leeds', label: 'Leeds General' }, { value: 'unknown', label: 'Not known — withheld' }], 'a string variable’s value labels');
  assert.deepEqual(site.userMissing, ['unknown']);
});

test('an Excel workbook: the first sheet, or one by name or position; a sheet it lacks is refused naming the sheets', async (t) => {
  const { get } = await setup(t);
  assert.deepEqual((await get('path=book.xlsx')).body.columns.map((c: { name: string }) => c.name), ['note']);
  const byName = await get('path=book.xlsx&sheet=Responses');
  assert.equal(byName.body.sheet, 'Responses');
  assert.deepEqual(byName.body.head, [['a', '2']]);
  assert.deepEqual((await get('path=book.xlsx&sheet=2')).body.head, [['a', '2']]);
  const none = await get('path=book.xlsx&sheet=Wave+3');
  assert.equal(none.status, 404);
  assert.equal(none.body.error.field, 'sheet');
  assert.match(none.body.error.message, /^book\.xlsx, field "sheet": the workbook has no such sheet \(value "Wave 3"\)\. .*Notes.*Responses/);
});

test('a workbook\'s sheets: listed with its view and on their own (even when the first sheet cannot be read), dropped or in the folder', async (t) => {
  const { dir, get, post, sheets, postSheets } = await setup(t);
  assert.deepEqual((await get('path=book.xlsx')).body.sheets, ['Notes', 'Responses']);
  assert.deepEqual((await get('path=book.xlsx&sheet=Responses')).body.sheets, ['Notes', 'Responses']);
  assert.equal((await get('path=demo-survey.csv')).body.sheets, undefined, 'a CSV file has no sheets');
  // a workbook whose first sheet is empty: its view is refused, its sheets are still listed
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cover');
  wb.addWorksheet('Wave 1').addRows([['id', 'q1'], ['a', 1]]);
  await wb.xlsx.writeFile(join(dir, 'cover.xlsx'));
  const first = await get('path=cover.xlsx');
  assert.equal(first.status, 400);
  assert.match(first.body.error.message, /^cover\.xlsx \[sheet "Cover"\]: the sheet is empty\. Choose the sheet that holds the data \(the workbook's other sheets: "Wave 1"/);
  const listed = await sheets('path=cover.xlsx');
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body, { path: 'cover.xlsx', sheets: ['Cover', 'Wave 1'] });
  assert.deepEqual((await get('path=cover.xlsx&sheet=Wave+1')).body.head, [['a', '1']]);
  // dropped: the sheets come with the preview, and on their own from the bytes (nothing written)
  const data = readFileSync(join(dir, 'book.xlsx')).toString('base64');
  const dropped = await post({ name: 'book.xlsx', data, sheet: 'Responses' });
  assert.equal(dropped.status, 200);
  assert.deepEqual(dropped.body.sheets, ['Notes', 'Responses']);
  const before = readdirSync(dir).sort();
  const droppedSheets = await postSheets({ name: 'cover.xlsx', data: readFileSync(join(dir, 'cover.xlsx')).toString('base64') });
  assert.equal(droppedSheets.status, 200);
  assert.deepEqual(droppedSheets.body, { path: 'cover.xlsx', sheets: ['Cover', 'Wave 1'], dropped: true });
  assert.deepEqual(readdirSync(dir).sort(), before);
  const notZip = await postSheets({ name: 'export.xlsx', data: Buffer.from('not a workbook').toString('base64') });
  assert.equal(notZip.status, 400);
  assert.match(notZip.body.error.message, /^export\.xlsx: /);
  assert.equal((await postSheets({ name: 'wave.csv', data: '' })).body.error.field, 'name');
  assert.equal((await postSheets({ name: 'w.xlsx', data: '%%%' })).body.error.field, 'data');
  // refusals name the field
  const csv = await sheets('path=demo-survey.csv');
  assert.equal(csv.status, 400);
  assert.equal(csv.body.error.field, 'path');
  assert.equal((await sheets('path=../outside.csv')).status, 403);
  writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
  const broken = await sheets('path=broken.xlsx');
  assert.equal(broken.status, 400);
  assert.match(broken.body.error.message, /^broken\.xlsx: /);
});

test('refusals: outside the folder 403, unknown file 404, not a survey file, bad codes or sheet 400 (each naming the field)', async (t) => {
  const { get, dir } = await setup(t);
  const refused = async (query: string, status: number, code: string, field: string) => {
    const r = await get(query);
    assert.equal(r.status, status, `${query}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, code, query);
    assert.equal(r.body.error.field, field, query);
  };
  await refused('path=..%2Foutside.csv', 403, 'forbidden', 'path');
  await refused(`path=${encodeURIComponent(join(dir, '..', 'outside.csv'))}`, 403, 'forbidden', 'path');
  await refused('path=nope.csv', 404, 'not-found', 'path');
  await refused('path=p.qual.sqlite', 400, 'unsupported', 'path');
  await refused('', 400, 'invalid-option', 'path');
  await refused('path=codes.csv&na=', 400, 'invalid-option', 'na');
  await refused(`path=codes.csv&na=${'9'.repeat(65)}`, 400, 'invalid-option', 'na');
  await refused('path=codes.csv&na=a%0Ab', 400, 'invalid-option', 'na');
  await refused(`path=codes.csv&${Array.from({ length: 51 }, (_, i) => `na=${i}`).join('&')}`, 400, 'invalid-option', 'na');
  await refused('path=codes.csv&sheet=2', 400, 'invalid-option', 'sheet');
});

test('a dropped file is read from a temporary copy that is deleted, and named by its own name in errors', async (t) => {
  const { post, dir } = await setup(t);
  const before = readdirSync(tmpdir()).filter((n) => n.startsWith('staffwell-survey-') && !n.startsWith('staffwell-survey-api-')).length;
  const data = readFileSync(join(dir, 'codes.csv')).toString('base64');
  const ok = await post({ name: 'wave1 (final).csv', data, na: ['-99', '999'] });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.path, 'wave1 (final).csv');
  assert.equal(ok.body.dropped, true);
  assert.equal(ok.body.rows, 4);
  assert.equal(ok.body.columns.find((c: { name: string }) => c.name === 'q1').missing, 1);
  const broken = await post({ name: 'export.sav', data: Buffer.from('not spss').toString('base64') });
  assert.equal(broken.status, 400);
  assert.match(broken.body.error.message, /^export\.sav: /);
  assert.doesNotMatch(broken.body.error.message, /staffwell-survey-/, 'the temporary copy is not named');
  const after = readdirSync(tmpdir()).filter((n) => n.startsWith('staffwell-survey-') && !n.startsWith('staffwell-survey-api-')).length;
  assert.equal(after, before, 'no temporary copy is left');
  assert.deepEqual(readdirSync(dir).filter((n) => !n.startsWith('p.qual.sqlite')).sort(), ['book.xlsx', 'codes.csv', 'demo-survey.csv', 'waves'], 'nothing saved in the folder');
  const bad = async (body: unknown, field: string) => {
    const r = await post(body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field, JSON.stringify(r.body));
  };
  await bad({ name: 'notes.docx', data }, 'name');
  await bad({ name: 'a.csv', data: '***' }, 'data');
  await bad({ name: 'a.csv', data, na: [''] }, 'na');
  await bad({ name: 'a.csv' }, 'data');
});

test('a large survey file is profiled off the server\'s thread: a cheap route answers meanwhile, the profile is the same', async (t) => {
  const { dir, get, folderList } = await setup(t);
  // ~24 MB: the demo survey's rows again and again (ids made unique)
  const [header, ...rows] = readFileSync('examples/demo-survey.csv', 'utf8').trimEnd().split('\n');
  const copies = Math.ceil((24 * 2 ** 20) / rows.join('\n').length);
  const out: string[] = [header];
  for (let k = 0; k < copies; k++) for (const r of rows) out.push(r.replace(/^S/, `S${k}-`));
  writeFileSync(join(dir, 'large.csv'), `${out.join('\n')}\n`);
  const done: string[] = [];
  const t0 = performance.now();
  const profile = get('path=large.csv').then((r) => (done.push('profile'), r));
  // let the profile request start before the cheap one is sent
  await new Promise((r) => setTimeout(r, 20));
  const list = await folderList();
  const listMs = performance.now() - t0;
  done.push('folder');
  const big = await profile;
  const profileMs = performance.now() - t0;
  t.diagnostic(`GET /api/folder answered ${listMs.toFixed(0)} ms after the profile was asked for, while a ${copies * rows.length}-row file was profiled (${profileMs.toFixed(0)} ms)`);
  assert.equal(list.status, 200);
  assert.deepEqual(done, ['folder', 'profile'], 'the cheap route answered before the profile');
  assert.equal(big.status, 200);
  assert.equal(big.body.rows, copies * rows.length);
  // the same profile as the small file's for what does not depend on the row count
  const small = (await get('path=demo-survey.csv')).body;
  assert.deepEqual(big.body.columns.map((c: { name: string; kind: string }) => [c.name, c.kind]), small.columns.map((c: { name: string; kind: string }) => [c.name, c.kind]));
  // an error in the worker comes back as the same StaffwellError, naming the file as the user named it
  writeFileSync(join(dir, 'large-bad.csv'), `${out.join('\n')}\n${'x,'.repeat(3)}\n`);
  const bad = await get('path=large-bad.csv');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.file, 'large-bad.csv');
  assert.equal(bad.body.error.line, out.length + 1);
});
