/**
 * `staffwell qual import-qdc`: a REFI-QDA codebook added to a project as a user does it, as processes. The
 * codebook of one project (exported as .qdc) goes into another with the same tree; a second import creates
 * nothing (codes matched by name under the same parent); it is one undo step; a broken .qdc is refused with
 * its file named, exit 1, and the project unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAFFWELL } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'sw-import-qdc-'));
const CLI = STAFFWELL.map((a) => (a === 'tsx' ? import.meta.resolve('tsx') : a));

function cli(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function ok(...args: string[]): string {
  const r = cli(...args);
  assert.equal(r.status, 0, `staffwell ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The code tree as "parent/child" paths, sorted. */
function tree(project: string): string[] {
  const codes = JSON.parse(ok('qual', 'codes', project, 'list', '--json')) as { path: string }[];
  return codes.map((c) => c.path).sort();
}

test('qual import-qdc: a codebook from one project into another, again (nothing new), undo, and a broken file', () => {
  const codings = JSON.parse(readFileSync('examples/mixed/codings.json', 'utf8')) as { codes: unknown[] };
  writeFileSync(join(dir, 'codes.json'), JSON.stringify({ codes: codings.codes }));
  ok('qual', 'init', 'a.sqlite');
  ok('qual', 'apply', 'a.sqlite', 'codes.json');
  ok('qual', 'export', 'a.sqlite', '--qdc', 'book.qdc');
  const want = tree('a.sqlite');
  assert.ok(want.length >= 6 && want.some((p) => p.includes('/')), `a nested codebook: ${want}`);

  ok('qual', 'init', 'b.sqlite');
  // b already has one of the codes: kept, not duplicated
  writeFileSync(join(dir, 'one.json'), JSON.stringify({ codes: [{ name: 'Workload', color: '#123456' }] }));
  ok('qual', 'apply', 'b.sqlite', 'one.json');
  assert.match(ok('qual', 'import-qdc', 'b.sqlite', 'book.qdc'), new RegExp(`${want.length - 1} codes created, 1 already in the project`));
  assert.deepEqual(tree('b.sqlite'), want);
  assert.match(ok('qual', 'import-qdc', 'b.sqlite', 'book.qdc'), /0 codes created, \d+ already in the project/);
  assert.deepEqual(tree('b.sqlite'), want);

  // one undo step takes the whole import back
  ok('qual', 'undo', 'b.sqlite');
  assert.deepEqual(tree('b.sqlite'), ['Workload']);

  writeFileSync(join(dir, 'broken.qdc'), '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x"');
  const bad = cli('qual', 'import-qdc', 'b.sqlite', 'broken.qdc');
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stderr, /broken\.qdc/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
  const notBook = cli('qual', 'import-qdc', 'b.sqlite', 'codes.json');
  assert.equal(notBook.status, 1, notBook.stderr);
  assert.deepEqual(tree('b.sqlite'), ['Workload']);
});

test('qual import-qdc: the Sets of a codebook become top-level themes linked to their codes; others are warned about', () => {
  const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  writeFileSync(
    join(dir, 'sets.qdc'),
    `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 15">
  <Codes>
    <Code guid="${G(1)}" name="Pressure" isCodable="true"><Code guid="${G(2)}" name="Nights" isCodable="true"/></Code>
    <Code guid="${G(3)}" name="Support" isCodable="true"/>
  </Codes>
  <Sets>
    <Set guid="${G(10)}" name="Strain"><Description>Demands &amp; nights</Description><MemberCode guid="${G(1)}"/><MemberCode guid="${G(2)}"/></Set>
    <Set guid="${G(11)}" name="Held"><MemberCode guid="${G(3)}"/><MemberCode guid="${G(99)}"/></Set>
    <Set guid="${G(12)}" name="Already here"><MemberCode guid="${G(3)}"/></Set>
  </Sets>
</CodeBook>`,
  );
  ok('qual', 'init', 'sets.sqlite');
  ok('qual', 'themes', 'sets.sqlite', 'add', 'Already here', '--description', 'mine');
  const stdout = ok('qual', 'import-qdc', 'sets.sqlite', 'sets.qdc');
  assert.match(stdout, /3 codes created, 0 already in the project/);
  assert.match(stdout, /themes \(the codebook's Sets\): 2 created, 1 already in the project/);
  assert.match(stdout, /warning: Set "Held" names code "00000000-0000-4000-8000-000000000099", which is not in the file/);
  assert.equal(ok('qual', 'themes', 'sets.sqlite'), 'Already here (theme)\nStrain (theme)\nHeld (theme)\n');
  const strain = JSON.parse(ok('qual', 'themes', 'sets.sqlite', 'table', 'Strain', '--json')) as { theme: { description: string }; codes: { code: string }[] };
  assert.equal(strain.theme.description, 'Demands & nights');
  assert.deepEqual(strain.codes.map((c) => c.code), ['Pressure', 'Pressure/Nights']);
  const mine = JSON.parse(ok('qual', 'themes', 'sets.sqlite', 'table', 'Already here', '--json')) as { theme: { description: string }; codes: unknown[] };
  assert.deepEqual([mine.theme.description, mine.codes], ['mine', []], 'a theme the project has is kept as it is');
  // codes and themes are one undo step
  ok('qual', 'undo', 'sets.sqlite');
  assert.equal(ok('qual', 'themes', 'sets.sqlite'), 'Already here (theme)\n');
  assert.deepEqual(tree('sets.sqlite'), []);
});
