/** `staffwell serve` as a process: usage and input errors with their exit codes; a served project stops on SIGTERM. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { STAFFWELL } from '../helpers/cli.ts';

const run = (...args: string[]) => spawnSync(process.execPath, [...STAFFWELL, 'serve', ...args], { encoding: 'utf8' });

test('serve: --key without a project is a usage error (2); a bad port or a missing file is bad input (1), named', () => {
  const key = run('--key', 'k.key.sqlite');
  assert.equal(key.status, 2);
  assert.match(key.stderr, /--key needs a project/);
  const port = run('p.qual.sqlite', '--port', 'eighty');
  assert.equal(port.status, 1);
  assert.match(port.stderr, /--port.*eighty/);
  const missing = run('/nonexistent/x.qual.sqlite');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /x\.qual\.sqlite/);
});

test('serve: prints a localhost URL with a token, answers with it, refuses without it, stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-serve-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'p.qual.sqlite');
  (await createProject(path, { actor: 'me', name: 'Served' })).close();
  const child = spawn(process.execPath, [...STAFFWELL, 'serve', path, '--actor', 'Tester'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
  });
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  assert.equal((await fetch(new URL('/api/session', u))).status, 401);
  const s = (await (await fetch(new URL('/api/session', u), { headers: { 'x-staffwell-token': token } })).json()) as { projectName: string; actor: string };
  assert.equal(s.projectName, 'Served');
  assert.equal(s.actor, 'Tester');
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
