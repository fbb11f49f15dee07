/**
 * bin/staffwell.js starts from the cached bundle of the CLI when it is up to date, with the same output as from the
 * sources. (That a changed source makes a bundle stale is tested with the worker bundles, which share the cache.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgramBundle } from '../../src/data/worker-bundle.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = ['bin/staffwell.js', 'reliability', 'examples/demo-survey.csv', '--scales', 'examples/hse-keys.json', '--na=-99', '--json'];

function started(env: Record<string, string>): { out: string; from: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env, STAFFWELL_SAY_START: '1' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { out: r.stdout, from: /started from (the \w+)/.exec(r.stderr)?.[1] ?? '?' };
}

test('the CLI starts from its bundle once built, with the same output as from the sources', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'sw-cli-cache-'));
  const saved = process.env.STAFFWELL_CACHE_DIR;
  try {
    process.env.STAFFWELL_CACHE_DIR = cache;
    const before = started({ STAFFWELL_CACHE_DIR: cache });
    assert.equal(before.from, 'the sources');
    const built = await buildProgramBundle(join(root, 'src/cli/main.ts'));
    assert.ok(built.url, `built: ${built.url ? "" : built.reason}`);
    const after = started({ STAFFWELL_CACHE_DIR: cache });
    assert.equal(after.from, 'the bundle');
    assert.equal(after.out, before.out);
    assert.equal(started({ STAFFWELL_CACHE_DIR: cache, STAFFWELL_NO_BUNDLE: '1' }).from, 'the sources');
  } finally {
    if (saved === undefined) delete process.env.STAFFWELL_CACHE_DIR;
    else process.env.STAFFWELL_CACHE_DIR = saved;
    rmSync(cache, { recursive: true, force: true });
  }
});
