import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { StaffwellError } from '../../src/errors.ts';
import type { ProjectSnapshot } from '../../src/qual/snapshot.ts';
import { buildQdpxEntries, exportQdc, exportQdpx } from '../../src/refi/export.ts';
import { normalizeGuid, uuidV5 } from '../../src/refi/guid.ts';
import { decimalString } from '../../src/refi/export.ts';
import { demoSnapshot } from './demo-snapshot.ts';
import { repoRoot, validateAgainst } from './validate-xsd.ts';

function tiny(text: string, start: number, end: number): ProjectSnapshot {
  return {
    name: 'tiny',
    users: [{ id: 'u', name: 'U' }],
    codes: [{ id: 'c', name: 'C' }],
    variables: [],
    participants: [],
    documents: [{ id: 'd', name: 'D', text }],
    segments: [{ id: 's', documentId: 'd', codeId: 'c', start, end, text: text.slice(start, end), coderId: 'u' }],
    memos: [],
  };
}

function selection(qde: string): [number, number] {
  const m = /startPosition="(\d+)" endPosition="(\d+)"/.exec(qde);
  assert.ok(m, 'a PlainTextSelection');
  return [Number(m[1]), Number(m[2])];
}

test('uuidV5 matches the RFC 4122 / Python uuid5 test vector', () => {
  // uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com') == 2ed6657d-e927-568b-95e1-2665a8aea6a2
  assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  assert.equal(normalizeGuid('{2ED6657D-E927-568B-95E1-2665A8AEA6A2}'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  assert.equal(normalizeGuid('not-a-guid'), undefined);
});

test('project.qde of the demo validates against Project.xsd; the codebook against Codebook.xsd', async () => {
  const { projectQde } = buildQdpxEntries(demoSnapshot(), { exportedAt: '2026-01-01T00:00:00Z' });
  assert.deepEqual(await validateAgainst(projectQde, 'Project.xsd'), []);
  assert.deepEqual(await validateAgainst(exportQdc(demoSnapshot()), 'Codebook.xsd'), []);
});

test('the .qdpx holds project.qde and sources/<guid>.txt (UTF-8, no BOM) and re-export is byte-identical', () => {
  const a = exportQdpx(demoSnapshot(), { sources: 'plain-text' });
  const b = exportQdpx(demoSnapshot(), { sources: 'plain-text' });
  assert.deepEqual(Buffer.from(a), Buffer.from(b));
  const files = unzipSync(a);
  const names = Object.keys(files);
  assert.equal(names[0], 'project.qde');
  const qde = strFromU8(files['project.qde']);
  assert.ok(qde.startsWith('<?xml'), 'no BOM before <?xml');
  const paths = [...qde.matchAll(/plainTextPath="internal:\/\/([0-9a-f-]+\.txt)"/g)].map((m) => `sources/${m[1]}`);
  assert.deepEqual(names.slice(1).sort(), [...paths].sort());
  const d1 = demoSnapshot().documents[0];
  assert.equal(strFromU8(files[paths[0]]), d1.text);
  assert.notEqual(files[paths[0]][0], 0xef, 'no UTF-8 BOM in sources');
});

test('positions are Unicode code points: a character outside the BMP counts once', () => {
  // "Staff 😩 said: tired" — the emoji is 2 UTF-16 units; "said" is UTF-16 [9, 13) and code points [8, 12).
  const text = 'Staff 😩 said: tired';
  assert.equal(text.slice(9, 13), 'said');
  const { projectQde } = buildQdpxEntries(tiny(text, 9, 13));
  assert.deepEqual(selection(projectQde), [8, 12]);
  // A segment ending after the emoji: UTF-16 [6, 8) = the emoji -> code points [6, 7).
  assert.deepEqual(selection(buildQdpxEntries(tiny(text, 6, 8)).projectQde), [6, 7]);
});

test('CRLF text is written with LF and positions count the LF text', () => {
  // "a\r\nbb\r\ncc": "cc" is UTF-16 [7, 9); in "a\nbb\ncc" it is [5, 7).
  const text = 'a\r\nbb\r\ncc';
  const { projectQde, sources } = buildQdpxEntries(tiny(text, 7, 9));
  assert.equal(sources[0].text, 'a\nbb\ncc');
  assert.deepEqual(selection(projectQde), [5, 7]);
  // a segment over "bb\r\n" -> "bb\n" = [2, 5)
  assert.deepEqual(selection(buildQdpxEntries(tiny(text, 3, 7)).projectQde), [2, 5]);
});

test('xsd:decimal values never use exponents', () => {
  assert.equal(decimalString(31.5), '31.5');
  assert.equal(decimalString(1e21), '1000000000000000000000');
  assert.equal(decimalString(1.5e-7), '0.00000015');
  assert.equal(decimalString(-2.5e-8), '-0.000000025');
});

test('an inconsistent snapshot is refused with a StaffwellError naming the field', () => {
  const s = tiny('hello', 0, 5);
  s.segments[0].codeId = 'nope';
  assert.throws(() => exportQdpx(s), (e: unknown) => e instanceof StaffwellError && e.code === 'format' && /segments\[0\]\.codeId/.test(e.message));
  const t = demoSnapshot();
  t.participants[0].attributes['v-years'] = 4.5;
  assert.throws(() => exportQdpx(t), (e: unknown) => e instanceof StaffwellError && /not an integer/.test(e.message));
  const u = demoSnapshot();
  u.codes[1].parentId = 'c-staff';
  assert.throws(() => exportQdpx(u), (e: unknown) => e instanceof StaffwellError && /cycle/.test(e.message));
  assert.throws(() => exportQdc({ name: 'x', codes: [] }), (e: unknown) => e instanceof StaffwellError);
});

test('golden: the demo project.qde (dates normalised)', () => {
  const { projectQde } = buildQdpxEntries(demoSnapshot(), { exportedAt: '2026-11-22T00:00:00Z' });
  const normalised = projectQde.replace(/(DateTime|creationDateTime|modifiedDateTime)="[^"]*"/g, '$1="DATE"');
  const golden = path.join(repoRoot, 'test/golden/refi/demo-project.qde');
  if (!existsSync(golden)) {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, normalised);
    } else {
      assert.fail(`golden file ${golden} is missing; run with UPDATE_GOLDEN=1 to write it`);
    }
  }
  assert.equal(normalised, readFileSync(golden, 'utf8'));
});

test('re-exporting imported real projects (qc, NVivo 15) gives schema-valid XML', async (t) => {
  const { importQdpx } = await import('../../src/refi/index.ts');
  const shared = [path.resolve(repoRoot, '../shared/refi-qda/examples'), path.resolve(repoRoot, '../../shared/refi-qda/examples')].find((d) => existsSync(d)) ?? '';
  if (!existsSync(path.join(shared, 'qc-demo.qdpx'))) return t.skip('shared/refi-qda/examples absent');
  for (const f of ['qc-demo.qdpx', 'nvivo15-export.qdpx']) {
    const { snapshot } = importQdpx(readFileSync(path.join(shared, f)));
    const { projectQde } = buildQdpxEntries(snapshot);
    assert.deepEqual(await validateAgainst(projectQde, 'Project.xsd'), [], f);
  }
});

test('edge texts (emoji, CRLF, control characters, markup) export schema-valid XML', async () => {
  const s = tiny('<b>&amp;</b> "q" \u0007 bell\r\n😩 end', 0, 4);
  s.memos.push({ id: 'm', title: 'T\tab & <x>', text: 'line1\r\nline2 \u0001', target: { kind: 'segment', id: 's' } });
  const { projectQde } = buildQdpxEntries(s);
  assert.deepEqual(await validateAgainst(projectQde, 'Project.xsd'), []);
});
