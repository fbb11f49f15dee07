/**
 * `staffwell serve` without a project: the start page's API lists the folder's projects, opens one named by its
 * file name from that list, or creates one from a name; then the same address, token and cookie serve the
 * workspace. Paths the browser sends never reach the file system: a traversal is not in the list, and a name is
 * made into a file name in the folder.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { projectFileName } from '../../src/server/start-app.ts';
import { serveWorkspace } from '../../src/server/serve.ts';

async function started(t: test.TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-start-'));
  const ws = await serveWorkspace({ folder: dir, actor: 'Tester', webDir: join(dir, 'no-web') });
  t.after(async () => {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const origin = `http://127.0.0.1:${ws.port}`;
  const headers = { 'x-staffwell-token': ws.token };
  const get = async (path: string) => fetch(`${origin}${path}`, { headers });
  const post = async (body: unknown) => fetch(`${origin}/api/start`, { method: 'POST', headers: { ...headers, origin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { dir, ws, get, post };
}

test('start page: lists projects (not key files), opens one by its listed file name, then serves it', async (t) => {
  const { dir, get, post } = await started(t);
  (await createProject(join(dir, 'older.qual.sqlite'), { actor: 'me', name: 'Older', keyPath: join(dir, 'older.qual.key.sqlite') })).close();
  (await createProject(join(dir, 'ward-study.qual.sqlite'), { actor: 'me', name: 'Ward study' })).close();
  writeFileSync(join(dir, 'notes.sqlite'), '');
  const s = (await (await get('/api/session')).json()) as { mode: string; folder: string; projects: { file: string; hasKey: boolean }[] };
  assert.equal(s.mode, 'start');
  assert.deepEqual(s.projects.map((p) => p.file).sort(), ['older.qual.sqlite', 'ward-study.qual.sqlite']);
  assert.equal(s.projects.find((p) => p.file === 'older.qual.sqlite')?.hasKey, true);
  assert.equal((await get('/api/codebook')).status, 404, 'no project yet');

  for (const file of ['../older.qual.sqlite', '/etc/passwd', 'notes.sqlite', join(dir, 'older.qual.sqlite')]) {
    const r = await post({ action: 'open', file });
    assert.equal(r.status, 404, file);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'not-found');
  }
  assert.equal((await post({ action: 'open' })).status, 400);
  assert.equal((await post({ action: 'delete', file: 'older.qual.sqlite' })).status, 400);

  const r = await post({ action: 'open', file: 'ward-study.qual.sqlite' });
  assert.equal(r.status, 200);
  const session = (await (await get('/api/session')).json()) as { projectName: string; mode?: string };
  assert.equal(session.projectName, 'Ward study');
  assert.equal(session.mode, undefined);
  assert.equal((await get('/api/codebook')).status, 200);
  assert.equal((await post({ action: 'open', file: 'older.qual.sqlite' })).status, 404, 'the start page is gone once a project is open');
});

test('start page: creates a project (with its key file) from a name, in the folder only; a clash is refused', async (t) => {
  const { dir, get, post } = await started(t);
  assert.equal(projectFileName('Radiology support workers: 2026'), 'radiology-support-workers-2026.qual.sqlite');
  assert.equal(projectFileName('../../etc/passwd'), 'etc-passwd.qual.sqlite');
  assert.equal(projectFileName('Éire — café'), 'eire-cafe.qual.sqlite');
  assert.equal(projectFileName('///'), 'project.qual.sqlite');
  assert.equal((await post({ action: 'create', name: '   ' })).status, 400);
  (await createProject(join(dir, 'taken.qual.sqlite'), { actor: 'me', name: 'Taken' })).close();
  const clash = await post({ action: 'create', name: 'Taken' });
  assert.equal(clash.status, 409);
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('taken')).length, 1, 'nothing written on a clash');

  const r = await post({ action: 'create', name: '../Imaging support <b>workers</b>' });
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { file: 'imaging-support-b-workers-b.qual.sqlite' });
  assert.ok(existsSync(join(dir, 'imaging-support-b-workers-b.qual.sqlite')));
  assert.ok(existsSync(join(dir, 'imaging-support-b-workers-b.qual.key.sqlite')), 'a new project gets its key file');
  assert.ok(!existsSync(join(dir, '..', 'imaging-support-b-workers-b.qual.sqlite')));
  const session = (await (await get('/api/session')).json()) as { projectName: string; hasKey: boolean; actor: string };
  assert.deepEqual([session.projectName, session.hasKey, session.actor], ['../Imaging support <b>workers</b>', true, 'Tester']);
});
