import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRegistered } from '../helpers/run-registered.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from '../../src/cli/commands/norms.ts';
import { StaffwellError } from '../../src/errors.ts';
import { USER_NORM } from '../helpers/user-definitions.ts';

const run = runRegistered;

test('norms list: readable table; --instrument filters; list is the default', async () => {
  const s = await run(register, ['norms', 'list']);
  assert.match(s, /^id\s+instrument\s+figure\s+source\s+country/m);
  assert.match(s, /^ghq12-nhs-trust-staff-wall-1997\s+ghq12\s+26\.8%\s+Wall 1997\s+England$/m);
  assert.match(s, /^ghq-mh-social-workers-evans-2006\s+ghq12\s+47% \(111\/237\)/m);
  const f = await run(register, ['norms', 'list', '--instrument', 'swemwbs']);
  assert.ok(f.split('\n').filter((l) => l.startsWith('swemwbs-')).length === 2);
  assert.doesNotMatch(f, /ghq12-/);
  assert.equal(await run(register, ['norms']), s);
});

test('norms show: citation, sample, threshold and verification; --json', async () => {
  const s = await run(register, ['norms', 'show', 'ghq12-call-centre-charbotel-2009']);
  assert.match(s, /threshold: Likert total > 12/);
  assert.match(s, /n 2130/);
  assert.match(s, /doi:10\.1007\/s00420-008-0351-z/);
  assert.match(s, /Verified: Abstract read/);
  const j = JSON.parse(await run(register, ['norms', 'show', 'swemwbs-england-women-ng-fat-2017', '--json']));
  assert.equal(j.mean, 23.2);
  assert.equal(j.kind, 'mean');
  const all = JSON.parse(await run(register, ['norms', 'list', '--json']));
  assert.ok(all.length >= 10);
  await assert.rejects(run(register, ['norms', 'show', 'nope']), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found');
});

test('norms check: a user file, with a bad field named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-cli-norms-'));
  const p = join(dir, 'n.json');
  writeFileSync(p, JSON.stringify([USER_NORM]));
  assert.match(await run(register, ['norms', 'check', p]), /1 valid norm/);
  writeFileSync(p, JSON.stringify([{ ...USER_NORM, sd: -1 }]));
  await assert.rejects(run(register, ['norms', 'check', p]), (err: unknown) => err instanceof StaffwellError && err.location.field === 'norms[1].sd');
});
