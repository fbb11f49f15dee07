import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StaffwellError } from '../../src/errors.ts';
import { openProject } from '../../src/qual/open-project.ts';
import { PROJECT_MIGRATIONS } from '../../src/qual/store/migrations.ts';
import { addDocument, faultyProject, rangeOf, tempProject } from './qual-helpers.ts';

test('a new project is WAL, has foreign keys on and the latest schema version', async () => {
  const t = await tempProject();
  try {
    const db = new Database(t.path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), PROJECT_MIGRATIONS.length);
    db.close();
    assert.equal(await t.project.store.getInfo('name'), 'study');
  } finally {
    t.cleanup();
  }
});

test('migration 3: a project made before it opens with its theme positions numbered 0, 1, 2... per level, in the order shown', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const { id: a } = await p.apply({ type: 'theme.create', name: 'A' });
    const { id: b } = await p.apply({ type: 'theme.create', name: 'B' });
    await p.apply({ type: 'theme.create', name: 'C' });
    await p.apply({ type: 'theme.create', name: 'A1', parentId: a });
    await p.apply({ type: 'theme.create', name: 'A2', parentId: a });
    t.project.close();
    // the file as migration 2 left it, with the gaps and ties older commands made (B deleted and re-created etc.)
    const db = new Database(t.path);
    const positions: Record<string, number> = { A: 4, B: 0, C: 4, A1: 7, A2: 2 };
    for (const [name, position] of Object.entries(positions)) db.prepare('UPDATE themes SET position = ? WHERE name = ?').run(position, name);
    db.pragma('user_version = 2');
    db.close();
    const again = openProject(t.path, { keyPath: t.keyPath });
    try {
      const level = async (parentId: string | null) => (await again.store.listChildThemes(parentId)).map((x) => `${x.name}@${x.position}`);
      assert.deepEqual(await level(null), ['B@0', 'A@1', 'C@2'], 'by old position, ties by creation');
      assert.deepEqual(await level(a), ['A2@0', 'A1@1']);
      await again.as('tester').apply({ type: 'theme.move', id: b, position: 2 });
      assert.deepEqual(await level(null), ['A@0', 'C@1', 'B@2']);
    } finally {
      again.close();
    }
    const check = new Database(t.path, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), PROJECT_MIGRATIONS.length);
    check.close();
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test('codes: hierarchy, sibling names unique, move refuses cycles', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const { id: work } = await p.apply({ type: 'code.create', name: 'Workload' });
    const { id: staff } = await p.apply({ type: 'code.create', name: 'Staffing', parentId: work });
    await p.apply({ type: 'code.create', name: 'Staffing' }); // same name, other level: fine
    await assert.rejects(p.apply({ type: 'code.create', name: 'Staffing', parentId: work }), (e: StaffwellError) => e.code === 'conflict');
    await assert.rejects(p.apply({ type: 'code.move', id: work, parentId: staff }), (e: StaffwellError) => e.code === 'conflict');
    await assert.rejects(p.apply({ type: 'code.create', name: 'X', parentId: 'nope' }), (e: StaffwellError) => e.code === 'not-found');
    assert.equal((await p.store.listCodes()).length, 3);
  } finally {
    t.cleanup();
  }
});

test('segments store their text and the participant of their turn; out-of-range is refused', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const doc = await addDocument(p, 'P01.txt', [
      ['Interviewer', 'How are things on the ward?'],
      ['P01', 'Honestly the staffing has been terrible since March.'],
    ]);
    const { id: code } = await p.apply({ type: 'code.create', name: 'Staffing' });
    const r = await rangeOf(p, doc, 'staffing has been terrible');
    const { id } = await p.apply({ type: 'segment.create', documentId: doc, codeId: code, ...r, coder: 'Asha' });
    const [s] = await p.store.listSegments({ ids: [id] });
    assert.equal(s.text, 'staffing has been terrible');
    assert.equal(s.participantId, 'P01');
    assert.equal(s.turnIdx, 1);
    const q = await rangeOf(p, doc, 'How are things');
    const { id: iv } = await p.apply({ type: 'segment.create', documentId: doc, codeId: code, ...q, coder: 'Asha' });
    assert.equal((await p.store.listSegments({ ids: [iv] }))[0].participantId, null);
    await assert.rejects(
      p.apply({ type: 'segment.create', documentId: doc, codeId: code, start: 5, end: 5000, coder: 'Asha' }),
      (e: StaffwellError) => e.code === 'out-of-range',
    );
  } finally {
    t.cleanup();
  }
});

test('merge moves segments and collapses duplicates of the same range and coder; split moves selected segments', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const doc = await addDocument(p, 'P02.txt', [['P02', 'We never get a break and nobody notices the overtime.']]);
    const { id: a } = await p.apply({ type: 'code.create', name: 'No breaks' });
    const { id: b } = await p.apply({ type: 'code.create', name: 'Breaks' });
    const { id: child } = await p.apply({ type: 'code.create', name: 'Night shifts', parentId: a });
    const r1 = await rangeOf(p, doc, 'We never get a break');
    const r2 = await rangeOf(p, doc, 'nobody notices the overtime');
    await p.apply({ type: 'segment.create', documentId: doc, codeId: a, ...r1, coder: 'Asha' });
    await p.apply({ type: 'segment.create', documentId: doc, codeId: b, ...r1, coder: 'Asha' }); // duplicate after merge
    await p.apply({ type: 'segment.create', documentId: doc, codeId: b, ...r1, coder: 'Ben' }); // other coder: kept
    await p.apply({ type: 'segment.create', documentId: doc, codeId: a, ...r2, coder: 'Asha' });
    await p.apply({ type: 'memo.create', target: { kind: 'code', id: a }, text: 'about breaks' });
    const { id: theme } = await p.apply({ type: 'theme.create', name: 'Running on empty', codeIds: [a] });
    const res = await p.apply({ type: 'code.merge', sourceIds: [a], targetId: b });
    assert.deepEqual(res, { moved: 1, collapsed: 1 });
    const codes = await p.store.listCodes();
    assert.equal(codes.find((c) => c.id === a), undefined);
    assert.equal(codes.find((c) => c.id === child)!.parentId, b);
    const segs = await p.store.listSegments({ codeIds: [b] });
    assert.equal(segs.length, 3);
    assert.deepEqual((await p.store.listMemos({ targetKind: 'code', targetId: b })).map((m) => m.text), ['about breaks']);
    assert.ok((await p.store.listThemeCodes()).some((l) => l.themeId === theme && l.codeId === b));

    const overtime = segs.filter((s) => s.text.includes('overtime')).map((s) => s.id);
    const split = await p.apply({ type: 'code.split', codeId: b, segmentIds: overtime, name: 'Unseen overtime' });
    assert.equal(split.moved, 1);
    assert.equal((await p.store.listSegments({ codeIds: [split.id] }))[0].text, 'nobody notices the overtime');
    assert.equal((await p.store.listSegments({ codeIds: [b] })).length, 2);
    await assert.rejects(p.apply({ type: 'code.split', codeId: b, segmentIds: overtime, name: 'Again' }), (e: StaffwellError) => e.code === 'conflict');
  } finally {
    t.cleanup();
  }
});

test('a failure inside a multi-step command leaves nothing behind (merge, split)', async () => {
  const t = await faultyProject();
  try {
    const p = t.session;
    const doc = await addDocument(p, 'P03.txt', [['P03', 'Support from my team keeps me going.']]);
    const { id: a } = await p.apply({ type: 'code.create', name: 'Team support' });
    const { id: b } = await p.apply({ type: 'code.create', name: 'Peer support' });
    const r = await rangeOf(p, doc, 'Support from my team');
    const { id: s1 } = await p.apply({ type: 'segment.create', documentId: doc, codeId: a, ...r, coder: 'Asha' });
    const before = JSON.stringify([await p.store.listCodes(), await p.store.listSegments(), await p.history()]);
    t.failAt('code.merge:before-delete');
    await assert.rejects(p.apply({ type: 'code.merge', sourceIds: [a], targetId: b }), /injected crash/);
    t.failAt('code.split:after-code');
    await assert.rejects(p.apply({ type: 'code.split', codeId: a, segmentIds: [s1], name: 'Team' }), /injected crash/);
    t.failAt('code.create:before-log');
    await assert.rejects(p.apply({ type: 'code.create', name: 'Never' }), /injected crash/);
    const after = JSON.stringify([await p.store.listCodes(), await p.store.listSegments(), await p.history()]);
    assert.equal(after, before);
  } finally {
    t.cleanup();
  }
});

test('history lists every command with actor, time, type, payload and affected ids', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const { id } = await p.apply({ type: 'code.create', name: 'Burnout', color: '#aa0000' });
    await p.apply({ type: 'code.update', id, description: 'exhaustion, cynicism' });
    const h = await p.history();
    assert.deepEqual(
      h.map((c) => [c.seq, c.type, c.actor]),
      [
        [1, 'project.rename', 'tester'],
        [2, 'code.create', 'tester'],
        [3, 'code.update', 'tester'],
      ],
    );
    assert.deepEqual(h[1].payload, { type: 'code.create', name: 'Burnout', color: '#aa0000' });
    assert.deepEqual(h[1].affected, [id]);
    assert.match(h[2].at, /^2026-11-01T09:00:\d\d\.000Z$/);
    assert.deepEqual((await p.history({ afterSeq: 2 })).map((c) => c.seq), [3]);
  } finally {
    t.cleanup();
  }
});

test('re-anchoring after a text edit: segments follow their text, lost ones are reported', async () => {
  const t = await tempProject();
  try {
    const p = t.session;
    const doc = await addDocument(p, 'P04.txt', [['P04', 'The rota is chaotic. Managers listen sometimes.']]);
    const { id: c } = await p.apply({ type: 'code.create', name: 'Rota' });
    const { id: s1 } = await p.apply({ type: 'segment.create', documentId: doc, codeId: c, ...(await rangeOf(p, doc, 'rota is chaotic')), coder: 'A' });
    const { id: s2 } = await p.apply({ type: 'segment.create', documentId: doc, codeId: c, ...(await rangeOf(p, doc, 'listen sometimes')), coder: 'A' });
    const old = (await p.store.getDocument(doc))!.text;
    const res = await p.apply({ type: 'document.updateText', documentId: doc, text: old.replace('The rota', 'Honestly, the rota').replace('listen sometimes', 'rarely listen') });
    assert.deepEqual(res.lost, [s2]);
    const [seg] = await p.store.listSegments({ ids: [s1] });
    const now = (await p.store.getDocument(doc))!.text;
    assert.equal(now.slice(seg.start, seg.end), 'rota is chaotic');
    assert.equal((await p.store.listSegments({ ids: [s2] })).length, 0);
    assert.equal((await p.store.listSegments({ ids: [s2], anchoredOnly: false }))[0].anchored, false);
  } finally {
    t.cleanup();
  }
});

test('opening a missing project or reusing the project path as key file is refused', async () => {
  assert.throws(() => openProject('/nonexistent/x.sqlite'), (e: StaffwellError) => e.code === 'not-found');
  const t = await tempProject();
  try {
    t.project.close();
    assert.throws(() => openProject(t.path, { keyPath: t.path }), (e: StaffwellError) => e.code === 'invalid-option');
  } finally {
    t.cleanup();
  }
});

test('a failure anywhere in a batch (applied codings) or a text edit rolls the whole command back', async () => {
  const t = await faultyProject();
  try {
    const p = t.session;
    const doc = await addDocument(p, 'P05.txt', [['P05', 'Nights are lonely but the team is close.']]);
    const { applyCodings } = await import('../../src/qual/codings.ts');
    const codings = {
      codes: [{ name: 'Nights' }, { name: 'Team', parent: 'Nights' }],
      segments: [{ document: 'P05.txt', code: 'Nights/Team', quote: 'the team is close', coder: 'A' }],
      themes: [{ name: 'After dark', codes: ['Nights'] }],
    };
    const snapshot = async () => JSON.stringify([await p.store.listCodes(), await p.store.listSegments(), await p.store.listThemes(), await p.history()]);
    const before = await snapshot();
    t.failAt('batch:before-log');
    await assert.rejects(applyCodings(p, codings), /injected crash/);
    t.failAt('theme.create:before-log');
    await assert.rejects(applyCodings(p, codings), /injected crash/);
    assert.equal(await snapshot(), before);
    t.failAt('');
    const s = await applyCodings(p, codings);
    assert.equal(s.segments, 1);
    const text = (await p.store.getDocument(doc))!.text;
    const before2 = JSON.stringify([await p.store.getDocument(doc), await p.store.listSegments(), await p.store.listTurns()]);
    t.failAt('document.updateText:before-log');
    await assert.rejects(p.apply({ type: 'document.updateText', documentId: doc, text: 'X' + text }), /injected crash/);
    assert.equal(JSON.stringify([await p.store.getDocument(doc), await p.store.listSegments(), await p.store.listTurns()]), before2);
  } finally {
    t.cleanup();
  }
});
