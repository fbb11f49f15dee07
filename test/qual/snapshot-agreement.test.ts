import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementReport } from '../../src/qual/intercoder.ts';
import { codeMatrix, matrixRows } from '../../src/qual/matrices.ts';
import { createProject } from '../../src/qual/open-project.ts';
import { sequentialIds, steppingClock } from '../../src/qual/project.ts';
import { exportSnapshot, importSnapshot, turnsFromLabels } from '../../src/qual/project-snapshot.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { buildStudy } from './study-fixture.ts';
import { tempProject } from './qual-helpers.ts';
import { join } from 'node:path';

test('snapshot export → import into a new project keeps documents, codes, segments, participants, sites and memos', async () => {
  const t = await tempProject();
  try {
    await buildStudy(t.session);
    await t.session.apply({ type: 'memo.create', target: { kind: 'project' }, text: 'note' });
    const snap = await exportSnapshot(t.project.store);
    assert.equal(snap.documents.length, 3);
    assert.equal(snap.segments.length, 13);
    assert.ok(snap.variables.some((v) => v.id === 'site'));
    for (const s of snap.segments) assert.equal(snap.documents.find((d) => d.id === s.documentId)!.text.slice(s.start, s.end), s.text);
    const copy = await createProject(join(t.dir, 'copy.sqlite'), { actor: 'tester', newId: sequentialIds('c'), now: steppingClock() });
    try {
      const r = await importSnapshot(copy.as('tester'), snap);
      assert.deepEqual(r, { documents: 3, codes: 7, segments: 13, themes: 0, categories: 0 });
      const again = await exportSnapshot(copy.store);
      assert.deepEqual(again.segments, snap.segments);
      assert.deepEqual(again.codes, snap.codes);
      assert.deepEqual(again.documents.map((d) => d.text), snap.documents.map((d) => d.text));
      assert.deepEqual(matrixRows(await codeMatrix(copy.store, { by: 'sites' })), matrixRows(await codeMatrix(t.project.store, { by: 'sites' })));
      await assert.rejects(importSnapshot(copy.as('tester'), snap), /empty project/);
      // REFI-QDA keeps no turns: they are rebuilt from the `Label: ` paragraphs
      const noTurns = { ...snap, documents: snap.documents.map((d) => ({ ...d, turns: [] })) };
      const third = await createProject(join(t.dir, 'third.sqlite'), { actor: 'tester', newId: sequentialIds('t'), now: steppingClock() });
      await importSnapshot(third.as('tester'), noTurns);
      assert.deepEqual(matrixRows(await codeMatrix(third.store, { by: 'participants' })), matrixRows(await codeMatrix(t.project.store, { by: 'participants' })));
      third.close();
    } finally {
      copy.close();
    }
  } finally {
    t.cleanup();
  }
});

test('turnsFromLabels finds labelled paragraphs of known speakers only', () => {
  const text = 'Interviewer: Hi.\n\nP01: Note: fine.\n\nSomeone: else';
  assert.deepEqual(turnsFromLabels(text, new Set(['P01'])).map((t) => [t.speaker, text.slice(t.start, t.end)]), [
    ['Interviewer', 'Hi.'],
    ['P01', 'Note: fine.'],
  ]);
});

test('agreement report gathers both coders\' spans: character cells and kappa match the NVivo formula by hand', async () => {
  const t = await tempProject();
  try {
    const { codes, docs } = await buildStudy(t.session);
    const s = t.project.store;
    const r = await agreementReport(s, { coders: ['Asha', 'Ben'], unit: 'character' });
    // documents both coders coded: int-P01 and int-P02 (the focus group has Asha only)
    const staffing = r.comparison.byCode.find((c) => c.code === 'Workload/Staffing')!;
    const len1 = (await s.getDocument(docs.d1))!.length;
    const len2 = (await s.getDocument(docs.d2))!.length;
    const both = 'the staffing is thin'.length;
    const onlyA = 'I cover reception when we are short'.length + 'The staffing on the wards makes it worse'.length;
    const onlyB = 'The rota changes every week and '.length;
    const total = len1 + len2;
    assert.deepEqual(staffing.cells, { both, onlyA, onlyB, neither: total - both - onlyA - onlyB, total });
    const a = both + onlyA;
    const b = both + onlyB;
    const ef = (a * b) / total + ((total - a) * (total - b)) / total;
    const kappa = (both + (total - both - onlyA - onlyB) - ef) / (total - ef);
    expectClose(staffing.kappa, kappa, { abs: 1e-12 }, 'pooled kappa, Workload/Staffing');
    assert.equal(r.comparison.byCode.find((c) => c.code === 'Meaning'), undefined);
    const turns = await agreementReport(s, { coders: ['Asha', 'Ben'], unit: 'turn', codeIds: [codes.peer] });
    const peer = turns.comparison.byCode[0];
    // rows only for documents where a coder applied the code (NVivo's convention): int-P01, 4 turns, the same one coded
    assert.deepEqual(peer.cells, { both: 1, onlyA: 0, onlyB: 0, neither: 3, total: 4 });
    expectClose(turns.alpha!.byCode[0].alpha, 1, { abs: 1e-12 }, 'alpha, perfect agreement on turns');
    await assert.rejects(agreementReport(s, { coders: ['Asha', 'Nobody'] }), /no coder/);
  } finally {
    t.cleanup();
  }
});
