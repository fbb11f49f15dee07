/** "Compare two codes": qualCompareCodes against retrieval's own service, one code at a time; errors by field. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import type { StaffwellError } from '../../src/errors.ts';
import { compareCodes } from '../../src/qual/compare-codes.ts';
import { qualCompareCodes, qualQuerySegments } from '../../src/services/qual-retrieval.ts';
import { tempProject } from './qual-helpers.ts';
import { runQualCli } from './run-qual-cli.ts';
import { buildStudy } from './study-fixture.ts';

test('qualCompareCodes: each side is what retrieval lists for the code; documents and participants counted from them', async () => {
  const t = await tempProject();
  try {
    const ids = await buildStudy(t.session);
    const [work, support] = [ids.codes.work, ids.codes.support];
    const r = await qualCompareCodes(t.project, { codes: ['Workload', 'Support'] });
    const a = await qualQuerySegments(t.project, { codes: [work] });
    const b = await qualQuerySegments(t.project, { codes: [support] });
    assert.deepEqual(r.a.segments, a, 'with its subcodes, as retrieval');
    assert.deepEqual(r.b.segments, b);
    assert.deepEqual([r.a.code, r.b.code], ['Workload', 'Support']);
    // the overlap, counted here independently of the module
    const docs = [...new Set([...a, ...b].map((h) => h.documentId))];
    const docOrder = (await t.project.store.listDocuments()).map((d) => d.id).filter((id) => docs.includes(id));
    assert.deepEqual(
      r.documents.map((d) => [d.documentId, d.a, d.b]),
      docOrder.map((id) => [id, a.filter((h) => h.documentId === id).length, b.filter((h) => h.documentId === id).length]),
    );
    const people = [...new Set([...a, ...b].map((h) => h.participantId).filter((x): x is string => x !== null))].sort();
    assert.deepEqual(
      r.participants.map((p) => [p.participantId, p.a, p.b]),
      people.map((id) => [id, a.filter((h) => h.participantId === id).length, b.filter((h) => h.participantId === id).length]),
    );
    assert.equal(r.shared.documents, r.documents.filter((d) => d.a && d.b).length);
    assert.ok(r.shared.documents > 0 && r.shared.participants > 0, 'the fixture has documents with both');
    // filtered as retrieval filters (a coder)
    const asha = await qualCompareCodes(t.project, { codes: [work, support], coders: ['Asha'] });
    assert.deepEqual(asha.a.segments, await qualQuerySegments(t.project, { codes: [work], coders: ['Asha'] }));
    // errors name the option and the value
    const code = (c: string, re: RegExp) => (e: StaffwellError) => e.code === c && re.test(e.message);
    await assert.rejects(qualCompareCodes(t.project, { codes: ['Workload'] }), code('invalid-option', /field "codes": compare takes two codes, not 1/));
    await assert.rejects(qualCompareCodes(t.project, { codes: ['Workload', 'Nope'] }), code('not-found', /field "codes\[1\]".*\(value "Nope"\)/));
    await assert.rejects(qualCompareCodes(t.project, { codes: ['Workload', work] }), code('invalid-option', /field "codes\[1\]": the two codes are the same code/));
  } finally {
    t.cleanup();
  }
});

test('compareCodes: documents in the given order, then as first named; participants by id; segments without a participant count for documents only', () => {
  const hit = (documentId: string, participantId: string | null) => ({ segmentId: `${documentId}-${participantId}`, documentId, documentName: documentId, codeId: 'x', code: 'x', coder: 'c', start: 0, end: 1, text: 't', participantId, siteId: null, site: null, attributes: {}, keyQuote: false });
  const r = compareCodes({ codeId: 'a', code: 'A' }, [hit('d2', 'P2'), hit('d9', null)], { codeId: 'b', code: 'B' }, [hit('d1', 'P1'), hit('d2', 'P1')], ['d1', 'd2']);
  assert.deepEqual(r.documents.map((d) => `${d.documentId}:${d.a}/${d.b}`), ['d1:0/1', 'd2:1/1', 'd9:1/0']);
  assert.deepEqual(r.participants.map((p) => `${p.participantId}:${p.a}/${p.b}`), ['P1:0/2', 'P2:1/0']);
  assert.deepEqual(r.shared, { documents: 1, participants: 0 });
});

test('CLI: qual compare PROJECT CODE-A CODE-B prints what the service returns (--json), a table and the segments; errors name the argument', async () => {
  const t = await tempProject();
  try {
    await buildStudy(t.session);
    const expected = await qualCompareCodes(t.project, { codes: ['Workload', 'Support'], coders: ['Asha'] });
    t.project.close();
    const r = await runQualCli(['compare', t.path, 'Workload', 'Support', '--coder', 'Asha', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), expected);
    const text = await runQualCli(['compare', t.path, 'Workload', 'Support']);
    assert.match(text.stdout, /^Workload: \d+ segment\(s\); Support: \d+ segment\(s\); both in \d+ of \d+ document\(s\)/);
    assert.match(text.stdout, /document\s+Workload\s+Support\s+both\n/);
    assert.match(text.stdout, /== Support\n/);
    const bad = await runQualCli(['compare', t.path, 'Workload', 'Nope']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field "CODE-B".*\(value "Nope"\)/);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});
