import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRegistered } from '../helpers/run-registered.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from '../../src/cli/commands/instruments.ts';
import { StaffwellError } from '../../src/errors.ts';
import { userInstrumentYaml } from '../helpers/user-definitions.ts';

const run = runRegistered;

test('instruments list: readable table of verified instruments; --all adds the unverified ones', async () => {
  const s = await run(register, ['instruments', 'list']);
  assert.match(s, /^id\s+name\s+items\s+subscales\s+verified/m);
  assert.match(s, /^ghq12\s+General Health Questionnaire/m);
  assert.match(s, /^hse-indicator-tool\s/m);
  assert.doesNotMatch(s, /^uwes9/m);
  assert.match(s, /--all/);
  const all = await run(register, ['instruments', 'list', '--all']);
  assert.match(all, /^uwes9\s.*NO$/m);
  assert.match(all, /^mbi-hss\s.*bring your own key/m);
  assert.equal(await run(register, ['instruments']), s, 'list is the default subcommand');
});

test('instruments list --json and show --json give the definitions', async () => {
  const list = JSON.parse(await run(register, ['instruments', 'list', '--json']));
  assert.ok(Array.isArray(list) && list.some((d: any) => d.id === 'brs'));
  const ghq = JSON.parse(await run(register, ['instruments', 'show', 'ghq12', '--json']));
  assert.equal(ghq.id, 'ghq12');
  assert.equal(ghq.licence.wordingIncluded, false);
});

test('instruments show: scoring, subscales, classifications and licence in text', async () => {
  const s = await run(register, ['instruments', 'show', 'ghq12']);
  assert.match(s, /Scoring "ghq" \(default\).*1->0 2->0 3->1 4->1/);
  assert.match(s, /Classification caseness of total \(ghq scoring\): score >= 4 -> case \(selectable: 3, 4\)/);
  assert.match(s, /Wording included: no/);
  const cbi = await run(register, ['instruments', 'show', 'cbi']);
  assert.match(cbi, /Subscale work "Work-related burnout": prorated-mean \(at least 4 of 7 items answered\)/);
  await assert.rejects(run(register, ['instruments', 'show', 'ghq']), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found');
});

test('instruments check validates a user file and names the bad field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-cli-inst-'));
  const p = join(dir, 'mine.yaml');
  writeFileSync(p, userInstrumentYaml('[a, c]'));
  await assert.rejects(run(register, ['instruments', 'check', p]), (e: unknown) => e instanceof StaffwellError && e.location.field === 'subscales[1].items[2]');
  writeFileSync(p, userInstrumentYaml());
  assert.match(await run(register, ['instruments', 'check', p]), /valid definition "mine"/);
});
