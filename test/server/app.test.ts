/**
 * The workspace's HTTP app in process (`app.request`): every route, the guards (token, Host, Origin, JSON-only
 * writes, CSP), commands validated by the same schemas as the CLI's (unknown command, invalid fields, wrong
 * actor), the change feed (poll and server-sent events, with what a reconnecting tab missed), and exports.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { sequentialIds, steppingClock, type QualProject } from '../../src/qual/project.ts';
import { createWorkspaceApp } from '../../src/server/app.ts';
import { CSP } from '../../src/server/security.ts';

const HOST = '127.0.0.1:4321';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
const TOKEN = 'test-token-123';

async function setup(t: test.TestContext): Promise<{ dir: string; project: QualProject; req: (path: string, init?: RequestInit & { token?: string | null; host?: string }) => Promise<Response>; post: (command: unknown, actor?: string) => Promise<Response> }> {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-server-'));
  const project = await createProject(join(dir, 'p.qual.sqlite'), { actor: 'owner', name: 'Test project', now: steppingClock(), newId: sequentialIds('x') });
  const session = project.as('owner');
  const text = 'How is work?\nBusy. <script>alert(1)</script> and more.';
  await session.apply({
    type: 'document.import',
    document: { name: 'int-01.txt', format: 'text', text },
    turns: [
      { speaker: 'Interviewer', participantId: null, start: 0, end: 12, startMs: 0, endMs: 1000 },
      { speaker: 'P01', participantId: null, start: 13, end: text.length, startMs: 1000, endMs: 5000 },
    ],
    redactions: [],
  });
  const { app, feed } = createWorkspaceApp({ project, projectPath: 'p.qual.sqlite', folder: dir, token: TOKEN, actor: 'Researcher', hosts: () => [HOST, 'localhost:4321'], files: new Map(), pollMs: 20 });
  t.after(() => {
    feed.close();
    project.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const req = (path: string, init: RequestInit & { token?: string | null; host?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('host', init.host ?? HOST);
    if (init.token !== null) headers.set('x-staffwell-token', init.token ?? TOKEN);
    return Promise.resolve(app.request(`http://${init.host ?? HOST}${path}`, { ...init, headers }));
  };
  const post = (command: unknown, actor?: string) =>
    req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}` }, body: JSON.stringify({ command, actor }) });
  return { dir, project, req, post };
}

test('every request needs the session token; the printed URL sets it as a cookie and leaves the address bar', async (t) => {
  const { req } = await setup(t);
  const none = await req('/api/session', { token: null });
  assert.equal(none.status, 401);
  assert.equal((await json(none)).error.code, 'no-token');
  assert.equal((await req('/api/session', { token: 'wrong' })).status, 401);
  const first = await req(`/?token=${TOKEN}`, { token: null });
  assert.equal(first.status, 303);
  assert.equal(first.headers.get('location'), '/');
  const cookie = first.headers.get('set-cookie') ?? '';
  assert.match(cookie, /staffwell_token=test-token-123/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const withCookie = await req('/api/session', { token: null, headers: { cookie: `staffwell_token=${TOKEN}` } });
  assert.equal(withCookie.status, 200);
  const s = await json(withCookie);
  assert.equal(s.projectName, 'Test project');
  assert.equal(s.actor, 'Researcher');
});

test('Host and Origin are checked (no DNS rebinding, no cross-site writes), writes are JSON only', async (t) => {
  const { req } = await setup(t);
  const rebind = await req('/api/session', { host: 'evil.example:4321' });
  assert.equal(rebind.status, 403);
  assert.equal((await json(rebind)).error.code, 'bad-host');
  const crossRead = await req('/api/documents', { headers: { origin: 'http://evil.example' } });
  assert.equal(crossRead.status, 403);
  const body = JSON.stringify({ command: { type: 'code.create', name: 'X' } });
  const noOrigin = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(noOrigin.status, 403);
  assert.equal((await json(noOrigin)).error.code, 'bad-origin');
  const crossSite = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}`, 'sec-fetch-site': 'cross-site' }, body });
  assert.equal(crossSite.status, 403);
  const form = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'text/plain', origin: `http://${HOST}` }, body });
  assert.equal(form.status, 415);
  const ok = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}` }, body });
  assert.equal(ok.status, 200);
});

test('responses carry a strict CSP and no-sniff', async (t) => {
  const { req } = await setup(t);
  const r = await req('/api/session');
  assert.equal(r.headers.get('content-security-policy'), CSP);
  assert.match(CSP, /script-src 'self'/);
  assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
});

test('commands: applied as the actor, validated with the same schemas, errors name the command and field', async (t) => {
  const { post, req, project } = await setup(t);
  const created = await post({ type: 'code.create', name: 'Workload' });
  assert.equal(created.status, 200);
  const { result, seq } = await json(created);
  assert.ok(result.id);
  assert.ok(seq > 0);
  const [last] = await project.history({ descending: true, limit: 1 });
  assert.equal(last.actor, 'Researcher');
  assert.equal(last.type, 'code.create');
  // a coder named by the tab
  const asCoder = await post({ type: 'code.create', name: 'Peer support' }, 'Coder B');
  assert.equal(asCoder.status, 200);
  assert.equal((await project.history({ descending: true, limit: 1 }))[0].actor, 'Coder B');

  const unknown = await post({ type: 'code.explode' });
  assert.equal(unknown.status, 400);
  const u = (await json(unknown)).error;
  assert.equal(u.code, 'unsupported');
  assert.equal(u.field, 'type');
  const invalid = await post({ type: 'code.create', name: 3 });
  const i = (await json(invalid)).error;
  assert.equal(invalid.status, 400);
  assert.equal(i.code, 'invalid-command');
  assert.equal(i.command, 'code.create');
  assert.equal(i.field, 'name');
  const extra = await post({ type: 'code.create', name: 'Y', colour: 'red' });
  assert.match((await json(extra)).error.message, /unknown field colour/);
  const conflict = await post({ type: 'code.create', name: 'Workload' });
  assert.equal(conflict.status, 409);
  const missing = await post({ type: 'segment.delete', id: 'nope' });
  assert.equal(missing.status, 404);
  const badActor = await post({ type: 'undo' }, '   ');
  assert.equal(badActor.status, 400);
  const noCommand = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}` }, body: '{"cmd":1}' });
  assert.equal((await json(noCommand)).error.field, 'command');
  const notJson = await req('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}` }, body: '{' });
  assert.equal(notJson.status, 400);
  // nothing was written by the failures
  const codes = await (await json(req('/api/codebook')));
  assert.deepEqual(codes.codes.map((c: { name: string }) => c.name).sort(), ['Peer support', 'Workload']);

  // undo and redo are per actor
  const undo = await post({ type: 'undo' });
  assert.equal((await json(undo)).result.type, 'code.create');
  assert.deepEqual((await (await json(req('/api/codebook')))).codes.map((c: { name: string }) => c.name), ['Peer support']);
  const nothing = await post({ type: 'undo' });
  assert.equal(nothing.status, 404, 'Researcher has nothing left to undo');
  await post({ type: 'redo' });
  assert.equal((await (await json(req('/api/codebook')))).codes.length, 2);
});

test('read routes: documents, a document view, codebook, segments, search, memos, matrix, themes, history, exports', async (t) => {
  const { post, req } = await setup(t);
  const docs = await (await json(req('/api/documents')));
  assert.equal(docs.length, 1);
  const docId = docs[0].id;
  const code = (await (await json(post({ type: 'code.create', name: 'Busy' })))).result.id;
  const view0 = await (await json(req(`/api/documents/${docId}`)));
  const at = view0.text.indexOf('Busy');
  assert.equal((await post({ type: 'segment.create', documentId: docId, codeId: code, start: at, end: at + 4, coder: 'Coder A' })).status, 200);
  const view = await (await json(req(`/api/documents/${docId}`)));
  assert.equal(view.segments.length, 1);
  assert.equal(view.segments[0].text, undefined, 'segment text is not sent twice');
  assert.match(view.text, /<script>alert\(1\)<\/script>/, 'text is data: the client renders it as text');
  assert.equal((await req('/api/documents/nope')).status, 404);
  const summary = (await (await json(req('/api/documents'))))[0];
  assert.equal(summary.segments, 1);
  assert.ok(summary.coded > 0 && summary.coded < 1);
  const segs = await (await json(req(`/api/segments?code=${code}`)));
  assert.equal(segs.length, 1);
  assert.equal(segs[0].text, 'Busy');
  assert.equal((await (await json(req(`/api/segments?coder=Coder+A&document=${docId}`)))).length, 1);
  assert.equal((await req('/api/segments?coder=Nobody')).status, 404);
  const kwic = await (await json(req('/api/kwic?q=busy')));
  assert.equal(kwic.length, 1);
  assert.equal(kwic[0].keyword, 'Busy');
  assert.equal((await req('/api/kwic?q=')).status, 400);
  assert.equal((await req('/api/kwic?q=busy&context=-1')).status, 400);
  assert.deepEqual(await (await json(req('/api/memos'))), []);
  const m = await (await json(req('/api/matrix?cols=participants')));
  assert.ok(Array.isArray(m.counts));
  assert.equal((await req('/api/matrix?cols=nonsense')).status, 400);
  assert.equal((await req('/api/cooccurrence')).status, 200);
  assert.equal((await req('/api/saturation')).status, 200);
  assert.equal((await req('/api/themes')).status, 200);
  const theme = (await (await json(post({ type: 'theme.create', name: 'Pace <b>', codeIds: [code] })))).result.id;
  const table = await (await json(req(`/api/themes/${theme}?quotes=1`)));
  assert.deepEqual(table.codes.map((c: { segments: number }) => c.segments), [1]);
  assert.deepEqual(table.keyQuotes.map((q: { documentId: string; text: string }) => [q.documentId, q.text]), [[docId, 'Busy']]);
  assert.equal((await req('/api/themes/nope')).status, 404);
  assert.equal((await req(`/api/themes/${theme}?quotes=x`)).status, 400);
  const recurrence = await req('/api/export/recurrence.csv');
  assert.match(recurrence.headers.get('content-disposition') ?? '', /theme-recurrence\.csv/);
  assert.match((await recurrence.text()).split('\n')[1], /^Pace <b>,theme,0,/);
  assert.equal((await req('/api/model')).status, 200);
  // no key file attached: suggestions still come (from the project text), the originals route says why it has none
  const names = await (await json(req('/api/pseudonymisation')));
  assert.equal(names.hasKey, false);
  assert.deepEqual(names.replacements, []);
  assert.ok(Array.isArray(names.suggestions));
  const noKey = await req('/api/pseudonymisation/originals');
  assert.equal(noKey.status, 404);
  assert.match((await json(noKey)).error.hint, /start it again with `staffwell serve PROJECT --key KEYFILE`/, 'the hint says how, here');
  assert.equal((await req('/api/participants')).status, 200);
  assert.equal((await req('/api/coders')).status, 200);
  assert.equal((await req('/api/agreement?coder=Coder+A')).status, 400);
  const hist = await (await json(req('/api/history?limit=2')));
  assert.equal(hist.length, 2);
  assert.deepEqual(hist.map((h: { type: string }) => h.type), ['segment.create', 'theme.create']);
  assert.equal(hist[1].payload, undefined, 'payloads stay on the server');
  const qdpx = await req('/api/export/project.qdpx');
  assert.equal(qdpx.headers.get('content-type'), 'application/zip');
  assert.deepEqual([...new Uint8Array(await qdpx.arrayBuffer()).slice(0, 2)], [0x50, 0x4b]);
  const csv = await (await req('/api/export/segments.csv')).text();
  assert.match(csv, /Busy/);
  const selected = await req(`/api/export/segments.csv?code=${code}&coder=Coder+A`);
  assert.match(selected.headers.get('content-disposition') ?? '', /segments-selected\.csv/);
  assert.deepEqual((await selected.text()).trim().split('\n').map((l) => l.split(',')[1]), ['code', 'Busy']);
  assert.equal((await req(`/api/export/segments.csv?code=${code}&coder=Coder+B`)).status, 404, 'an unknown coder is named, as in retrieval');
  assert.equal((await req('/api/export/codebook.qdc')).status, 200);
  assert.equal((await req('/api/nope')).status, 404);
  assert.equal((await req('/')).status, 404, 'no front end built into this app');
});

test('the change feed: /api/changes after a seq, and server-sent events with the backlog first', async (t) => {
  const { post, req, project } = await setup(t);
  const [last] = await project.history({ descending: true, limit: 1 });
  const start = last.seq;
  await post({ type: 'code.create', name: 'A' });
  const changes = await (await json(req(`/api/changes?after=${start}`)));
  assert.deepEqual(changes.map((c: { type: string }) => c.type), ['code.create']);
  assert.equal((await req('/api/changes?after=x')).status, 400);

  const ac = new AbortController();
  const res = await req(`/api/events?after=${start}`, { signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  const until = async (re: RegExp) => {
    while (!re.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value);
    }
  };
  await until(/event: ready/);
  assert.match(text, /event: change\ndata: \{"seq":\d+,"type":"code.create"/, 'the missed command comes first');
  await post({ type: 'code.create', name: 'B' }, 'Other tab');
  await until(/"actor":"Other tab"/);
  const seqs = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(seqs, [start + 1, start + 2], 'in order, no gaps, no repeats');
  ac.abort();
  await reader.cancel().catch(() => undefined);
});

test('transcript import routes: preview writes nothing, import is one command; bad bodies are 400s naming the field', async (t) => {
  const { project, req } = await setup(t);
  const send = (path: string, body: unknown) =>
    req(path, { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://${HOST}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = 'Interviewer: How is the unit?\nAlex Reid: Quiet, for once.\n';
  const file = { name: 'int-02.txt', data: Buffer.from(text).toString('base64') };
  const seq0 = (await project.history({ descending: true, limit: 1 }))[0].seq;
  const preview = await (await json(send('/api/import/preview', { files: [file] })));
  assert.deepEqual(preview.map((p: { name: string; speakers: string[]; exists: boolean }) => [p.name, p.speakers, p.exists]), [['int-02.txt', ['Interviewer', 'Alex Reid'], false]]);
  assert.equal((await project.history({ descending: true, limit: 1 }))[0].seq, seq0, 'a preview writes nothing');

  for (const [body, field] of [
    [{ files: [], speakers: [] }, 'files'],
    [{ files: [{ name: 'a.txt', data: '@@not base64' }], speakers: [] }, 'files.0.data'],
    [{ files: [{ name: 'a.txt' }], speakers: [] }, 'files.0.data'],
    [{ files: [file], speakers: [], extra: 1 }, 'body'],
  ] as const) {
    const r = await send('/api/import', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    const e = ((await r.json()) as { error: { message: string } }).error;
    if (field !== 'body') assert.match(e.message, new RegExp(`field "${field.replace(/\./g, '\\.')}"`), e.message);
  }
  assert.equal((await send('/api/import', '{nope')).status, 400);
  // this project has no key file: an import (which keeps the original text there) is refused, naming the file
  const noKey = await send('/api/import', { files: [file], speakers: [{ displayName: 'Interviewer', participantId: 'interviewer' }, { displayName: 'Alex Reid', participantId: 'P02' }] });
  assert.equal(noKey.status, 400);
  assert.match(((await noKey.json()) as { error: { message: string } }).error.message, /^int-02\.txt: importing a transcript needs the key file/);
  assert.equal((await project.history({ descending: true, limit: 1 }))[0].seq, seq0, 'nothing written');
  const big = await send('/api/import/preview', JSON.stringify({ files: [{ name: 'big.txt', data: 'A'.repeat(33 * 2 ** 20) }] }));
  assert.equal(big.status, 400);
  assert.match(((await big.json()) as { error: { message: string } }).error.message, /larger than 32 MB/);
});

test('agreement: two coders and a unit, bad requests answered 400 (or 404) with the error shape, never 500', async (t) => {
  const { post, req } = await setup(t);
  const docId = (await (await json(req('/api/documents'))))[0].id;
  const code = (await (await json(post({ type: 'code.create', name: 'Busy' })))).result.id;
  const text = (await (await json(req(`/api/documents/${docId}`)))).text as string;
  const at = text.indexOf('Busy');
  await post({ type: 'segment.create', documentId: docId, codeId: code, start: at, end: at + 4, coder: 'Coder A' });
  await post({ type: 'segment.create', documentId: docId, codeId: code, start: at, end: at + 10, coder: 'Coder B' });
  const ok = await json(req('/api/agreement?coder=Coder+A&coder=Coder+B&unit=turn'));
  assert.deepEqual(ok.coders, ['Coder A', 'Coder B']);
  assert.equal(ok.comparison.byCode[0].code, 'Busy');
  assert.equal(ok.comparison.byCode[0].kappa, 1, 'both coded the same (only) answer turn');
  assert.equal(typeof ok.alpha.byCode[0].alpha, 'number');
  const chars = await json(req(`/api/agreement?coder=Coder+A&coder=Coder+B&code=${code}`));
  assert.equal(chars.unit, 'character');
  assert.ok(chars.comparison.byCode[0].kappa > 0 && chars.comparison.byCode[0].kappa < 1);

  const bad = async (path: string, status: number, field?: string) => {
    const r = await req(path);
    assert.equal(r.status, status, path);
    const body = await json(r);
    assert.equal(typeof body.error.code, 'string', path);
    assert.equal(typeof body.error.message, 'string', path);
    assert.notEqual(body.error.code, 'internal', path);
    if (field) assert.equal(body.error.field, field, path);
  };
  await bad('/api/agreement', 400, 'coders');
  await bad('/api/agreement?coder=Coder+A', 400, 'coders');
  await bad('/api/agreement?coder=Coder+A&coder=Coder+B&coder=Owner', 400, 'coders');
  await bad('/api/agreement?coder=Coder+A&coder=Coder+A', 400, 'coders');
  await bad('/api/agreement?coder=Coder+A&coder=Coder+B&unit=word', 400, 'unit');
  await bad('/api/agreement?coder=Coder+A&coder=Coder+B&unit=', 400, 'unit');
  await bad('/api/agreement?coder=Coder+A&coder=Nobody', 404, 'coders');
  await bad('/api/agreement?coder=Coder+A&coder=Coder+B&code=Nope', 404);
});

test('the workspace folder: study files and survey data listed by relative path; nothing outside it', async (t) => {
  const { dir, req } = await setup(t);
  writeFileSync(join(dir, 'survey.csv'), 'id,a\n1,2\n');
  writeFileSync(join(dir, 'study.yaml'), 'data:\n  file: survey.csv\ninstruments: []\nanalyses: []\n');
  const r = await json(req('/api/folder'));
  assert.equal(r.folder, dir);
  assert.deepEqual(
    r.files.map((f: { kind: string; path: string }) => `${f.kind} ${f.path}`),
    ['study study.yaml', 'survey survey.csv'],
  );
});

test('theme.move over POST /api/commands reorders the board /api/themes sends; a bad position is a 400 naming the field', async (t) => {
  const { req, post } = await setup(t);
  const ids: string[] = [];
  for (const name of ['A', 'B', 'C']) ids.push((await json(post({ type: 'theme.create', name }))).result.id);
  const moved = await post({ type: 'theme.move', id: ids[2], position: 0 });
  assert.equal(moved.status, 200);
  const board = await json(req('/api/themes'));
  assert.deepEqual(board.themes.map((t: { theme: { name: string; position: number } }) => [t.theme.name, t.theme.position]), [['C', 0], ['A', 1], ['B', 2]]);
  const bad = await post({ type: 'theme.move', id: ids[0], position: 7 });
  assert.equal(bad.status, 400);
  assert.match((await json(bad)).error.message, /field "position".*\(value "7"\)/);
});

test('GET /api/compare: two codes side by side; a missing or unknown code is a 400/404 naming a or b', async (t) => {
  const { req, post } = await setup(t);
  const docId = (await json(req('/api/documents')))[0].id;
  const ids: string[] = [];
  for (const name of ['Pace', 'Noise']) ids.push((await json(post({ type: 'code.create', name }))).result.id);
  await post({ type: 'segment.create', documentId: docId, codeId: ids[0], start: 13, end: 17, coder: 'A' });
  await post({ type: 'segment.create', documentId: docId, codeId: ids[1], start: 19, end: 27, coder: 'A' });
  const r = await json(req(`/api/compare?a=${ids[0]}&b=${ids[1]}`));
  assert.deepEqual([r.a.code, r.a.segments.length, r.b.code, r.b.segments.length], ['Pace', 1, 'Noise', 1]);
  assert.deepEqual(r.documents.map((d: { a: number; b: number }) => [d.a, d.b]), [[1, 1]]);
  assert.deepEqual(r.shared, { documents: 1, participants: 0 });
  const missing = await req(`/api/compare?a=${ids[0]}`);
  assert.equal(missing.status, 400);
  assert.equal((await json(missing)).error.field, 'b');
  const unknown = await req(`/api/compare?a=${ids[0]}&b=nope`);
  assert.equal(unknown.status, 404);
  assert.deepEqual([(await json(unknown)).error.field], ['b']);
});
