/**
 * One test per command handler (by family), on what it does and what it refuses. The last test checks that every
 * command type was applied here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StaffwellError } from '../../../src/errors.ts';
import { COMMAND_TYPES } from '../../../src/qual/commands/index.ts';
import { importTranscript } from '../../../src/qual/import-transcript.ts';
import { listDisplays, readDisplay, readLinkSpec } from '../../../src/qual/commands/mixed.ts';
import { exportSnapshot } from '../../../src/qual/project-snapshot.ts';
import { tempProject, addDocument, rangeOf, type TempProject } from '../qual-helpers.ts';
import { buildStudy } from '../study-fixture.ts';

const EX = join(import.meta.dirname, '../../../examples/qual');
const seen = new Set<string>();
const code = (c: string) => (e: StaffwellError) => e.code === c;

async function project(): Promise<TempProject> {
  const t = await tempProject();
  t.project.subscribe((r) => {
    seen.add(r.type);
    if (r.type === 'batch') for (const c of (r.payload as { commands: { command: { type: string } }[] }).commands) seen.add(c.command.type);
  });
  return t;
}

async function study() {
  const t = await project();
  return { t, s: t.session, ...(await buildStudy(t.session)) };
}

// ---- project

test('project.rename sets the name and description', async () => {
  const t = await project();
  try {
    await t.session.apply({ type: 'project.rename', name: 'Wellbeing of imaging support workers', description: 'phase 2' });
    assert.equal(await t.session.store.getInfo('name'), 'Wellbeing of imaging support workers');
    assert.equal(await t.session.store.getInfo('description'), 'phase 2');
  } finally {
    t.cleanup();
  }
});

test('snapshot.import loads a whole project into an empty one only', async () => {
  const { t, s } = await study();
  const u = await project();
  try {
    const snap = await exportSnapshot(s.store);
    assert.deepEqual(await u.session.apply({ type: 'snapshot.import', snapshot: snap }), { documents: 3, codes: 7, segments: 13, themes: 0, categories: 0 });
    await assert.rejects(u.session.apply({ type: 'snapshot.import', snapshot: snap }), code('conflict'));
    const bad = { ...snap, codes: [{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }] };
    const v = await tempProject();
    try {
      await assert.rejects(v.session.apply({ type: 'snapshot.import', snapshot: bad }), code('format'));
    } finally {
      v.cleanup();
    }
  } finally {
    u.cleanup();
    t.cleanup();
  }
});

// ---- participants and cases

test('site.create and variable.create refuse duplicate names', async () => {
  const t = await project();
  try {
    const s = t.session;
    const { id } = await s.apply({ type: 'site.create', name: 'North', description: 'Trust A' });
    assert.deepEqual(await s.store.getSite(id), { id, name: 'North', description: 'Trust A' });
    await assert.rejects(s.apply({ type: 'site.create', name: 'North' }), code('conflict'));
    const v = await s.apply({ type: 'variable.create', name: 'band', valueType: 'integer', scope: 'participant' });
    await s.apply({ type: 'variable.create', name: 'band', valueType: 'text', scope: 'document' });
    await assert.rejects(s.apply({ type: 'variable.create', name: 'band', valueType: 'integer', scope: 'participant' }), code('conflict'));
    assert.equal((await s.store.getVariable(v.id))?.type, 'integer');
  } finally {
    t.cleanup();
  }
});

test('participant.upsert creates, then updates site, description and attributes (new attributes become variables)', async () => {
  const t = await project();
  try {
    const s = t.session;
    assert.deepEqual(await s.apply({ type: 'participant.upsert', id: 'P01', site: 'North', attributes: { band: 3 } }), { id: 'P01', created: true });
    assert.deepEqual(await s.apply({ type: 'participant.upsert', id: 'P01', description: 'CT', attributes: { band: 4, nights: true } }), { id: 'P01', created: false });
    const p = (await s.store.getParticipant('P01'))!;
    const vars = await s.store.listVariables('participant');
    assert.equal(p.description, 'CT');
    assert.equal((await s.store.getSite(p.siteId!))?.name, 'North', 'an update without a site keeps the site');
    assert.deepEqual(vars.map((v) => [v.name, v.type]), [['band', 'integer'], ['nights', 'boolean']]);
    assert.deepEqual(p.attributes, { [vars[0].id]: 4, [vars[1].id]: true });
  } finally {
    t.cleanup();
  }
});

test('participant.import creates and updates; display names go to the key file only; undeclared attributes are refused', async () => {
  const t = await project();
  try {
    const s = t.session;
    const r = await s.apply({ type: 'participant.import', variables: [{ name: 'role', type: 'text' }], rows: [{ id: 'P01', site: 'North', attributes: { role: 'PALS' } }], names: { P01: 'Priya Raman' } });
    assert.equal(r.created, 1);
    const again = await s.apply({ type: 'participant.import', variables: [{ name: 'role', type: 'text' }], rows: [{ id: 'P01', attributes: { role: 'CT' } }, { id: 'P02', attributes: {} }] });
    assert.deepEqual([again.created, again.updated, again.variables], [1, 1, []]);
    assert.deepEqual(await s.store.listParticipantNames(), [{ participantId: 'P01', displayName: 'Priya Raman' }]);
    assert.ok(!JSON.stringify(await s.history()).includes('Priya'));
    await assert.rejects(s.apply({ type: 'participant.import', variables: [], rows: [{ id: 'P03', attributes: { shoe: 42 } }] }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('case.create groups existing participants', async () => {
  const { t, s } = await study();
  try {
    const { id } = await s.apply({ type: 'case.create', name: 'North', participantIds: ['P01', 'P03'] });
    assert.deepEqual((await s.store.getCase(id))?.participantIds, ['P01', 'P03']);
    await assert.rejects(s.apply({ type: 'case.create', name: 'X', participantIds: ['P99'] }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

// ---- documents

test('document.import writes the document, its turns and spans; refuses a duplicate name, a missing key part and turns outside the text', async () => {
  const t = await project();
  try {
    const s = t.session;
    const id = await addDocument(s, 'int.txt', [['P01', 'Hello there.']], { site: 'North' });
    const d = (await s.store.getDocument(id))!;
    assert.equal(d.text, 'P01: Hello there.');
    assert.equal((await s.store.getSite(d.siteId!))?.name, 'North');
    assert.ok(await s.store.getParticipant('P01'), 'speakers become participants');
    assert.deepEqual(await s.store.listOriginalDocumentIds(), [id]);
    await assert.rejects(addDocument(s, 'int.txt', [['P01', 'again']]), code('conflict'));
    const base = { type: 'document.import' as const, document: { name: 'b.txt', text: 'abc', format: 'text' }, redactions: [] };
    await assert.rejects(s.apply({ ...base, turns: [] }), code('invalid-option'), 'the key part is required with a key file');
    await assert.rejects(s.apply({ ...base, turns: [{ speaker: 'x', participantId: null, start: 0, end: 9, startMs: null, endMs: null }], key: { sourceFile: 'b', originalText: 'abc', speakers: [] } }), code('out-of-range'));
  } finally {
    t.cleanup();
  }
});

test('document.updateText re-anchors segments, moves turns and reports lost segments', async () => {
  const { t, s, docs, codes } = await study();
  try {
    const text = (await s.store.getDocument(docs.d1))!.text;
    const r = await s.apply({ type: 'document.updateText', documentId: docs.d1, text: 'Note. ' + text.replace('the staffing is thin', 'staff are few') });
    assert.equal(r.lost.length, 2, 'both codings of "the staffing is thin" lost');
    const [rota] = await s.store.listSegments({ documentIds: [docs.d1], codeIds: [codes.rota] });
    assert.equal((await s.store.getDocument(docs.d1))!.text.slice(rota.start, rota.end), 'The rota changes every week');
    await assert.rejects(s.apply({ type: 'document.updateText', documentId: 'nope', text: '' }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('document.delete removes the document, its segments, memos on it and its key entry', async () => {
  const { t, s, docs } = await study();
  try {
    await s.apply({ type: 'memo.create', target: { kind: 'document', id: docs.d2 }, text: 'on the doc' });
    const [seg] = await s.store.listSegments({ documentIds: [docs.d2] });
    await s.apply({ type: 'memo.create', target: { kind: 'segment', id: seg.id }, text: 'on a segment' });
    const r = await s.apply({ type: 'document.delete', documentId: docs.d2 });
    assert.deepEqual(r, { segmentsDeleted: 3, memosDeleted: 2 });
    assert.equal(await s.store.getDocument(docs.d2), null);
    assert.deepEqual(await s.store.listMemos(), []);
    assert.ok(!(await s.store.listOriginalDocumentIds()).includes(docs.d2));
    await assert.rejects(s.apply({ type: 'document.delete', documentId: docs.d2 }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

// ---- pseudonymisation

test('replacement.add and replacement.remove edit the key file’s list; short or empty entries are refused', async () => {
  const t = await project();
  try {
    const s = t.session;
    await s.apply({ type: 'replacement.add', original: 'Sarah Jones', replacement: '[colleague]', category: 'colleague' });
    assert.deepEqual((await s.store.listReplacements()).map((r) => r.original), ['Sarah Jones']);
    await assert.rejects(s.apply({ type: 'replacement.add', original: 'S', replacement: '[x]' }), code('invalid-option'));
    await assert.rejects(s.apply({ type: 'replacement.add', original: 'Sam', replacement: ' ' }), code('invalid-option'));
    await s.apply({ type: 'replacement.remove', original: 'Sarah Jones' });
    assert.deepEqual(await s.store.listReplacements(), []);
    assert.ok(!JSON.stringify(await s.history()).includes('Sarah'), 'originals are never logged');
  } finally {
    t.cleanup();
  }
});

test('document.pseudonymise replaces in the text and moves segments exactly', async () => {
  const t = await project();
  try {
    const s = t.session;
    const { documentId } = await importTranscript(s, { name: 'int-01-teams.vtt', bytes: readFileSync(join(EX, 'int-01-teams.vtt')) }, { speakers: { 'Helen Marsh': 'interviewer', 'Priya Raman': 'P01' } });
    const { id: c } = await s.apply({ type: 'code.create', name: 'Support' });
    const quote = 'is good too.';
    const { id: seg } = await s.apply({ type: 'segment.create', documentId, codeId: c, ...(await rangeOf(s, documentId, quote)), coder: 'A' });
    const r = await s.apply({ type: 'document.pseudonymise', documentId, replacements: [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }] });
    assert.equal(r.replaced, 1);
    const d = (await s.store.getDocument(documentId))!;
    const g = (await s.store.getSegment(seg))!;
    assert.equal(d.text.slice(g.start, g.end), quote);
    assert.ok(d.text.includes('The CT lead, [CT lead], is good too.'));
    const o = (await s.store.getOriginal(documentId))!;
    const span = o.spans.find((x) => x.original === 'Marcus')!;
    assert.equal(o.originalText.slice(span.originalStart, span.originalEnd), 'Marcus');
  } finally {
    t.cleanup();
  }
});

test('project.pseudonymise replaces in names, memos and the audit log; its undo data stays in the key file', async () => {
  const t = await project();
  try {
    const s = t.session;
    const { id: c } = await s.apply({ type: 'code.create', name: 'Help from Marcus', description: 'Marcus covers shifts' });
    const { id: m } = await s.apply({ type: 'memo.create', target: { kind: 'code', id: c }, title: 'Marcus', text: 'Ask about Marcus.' });
    await s.apply({ type: 'theme.create', name: 'Marcus holds the team', codeIds: [c] });
    const r = await s.apply({ type: 'project.pseudonymise', replacements: [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }] });
    assert.ok(r.rows >= 3);
    assert.equal((await s.store.getCode(c))!.name, 'Help from [CT lead]');
    const memo = (await s.store.listMemos()).find((x) => x.id === m)!;
    assert.deepEqual([memo.title, memo.text], ['[CT lead]', 'Ask about [CT lead].']);
    assert.doesNotMatch(JSON.stringify(await s.history()), /Marcus/, 'the audit log keeps no original');
    await s.undo();
    assert.equal((await s.store.getCode(c))!.name, 'Help from Marcus', 'undo puts the names back (from the key file)');
  } finally {
    t.cleanup();
  }
});

// ---- codes and segments

test('code.create and code.update: names unique among siblings, parents must exist, ids may be given', async () => {
  const t = await project();
  try {
    const s = t.session;
    const { id: work } = await s.apply({ type: 'code.create', id: 'c-work', name: 'Workload', color: '#aa0000', codable: false });
    assert.equal(work, 'c-work');
    await assert.rejects(s.apply({ type: 'code.create', id: 'c-work', name: 'Other' }), code('conflict'));
    await assert.rejects(s.apply({ type: 'code.create', name: '  ' }), code('invalid-option'));
    const { id: a } = await s.apply({ type: 'code.create', name: 'A', parentId: work });
    const { id: b } = await s.apply({ type: 'code.create', name: 'B', parentId: work });
    assert.deepEqual((await s.store.listChildCodes(work)).map((c) => [c.name, c.position]), [['A', 0], ['B', 1]]);
    await assert.rejects(s.apply({ type: 'code.update', id: b, name: 'A' }), code('conflict'));
    await s.apply({ type: 'code.update', id: b, name: 'Bee', description: 'd', color: null, codable: false });
    assert.deepEqual((({ name, description, color, codable }) => ({ name, description, color, codable }))((await s.store.getCode(b))!), { name: 'Bee', description: 'd', color: null, codable: false });
    await assert.rejects(s.apply({ type: 'code.update', id: 'nope', name: 'x' }), code('not-found'));
    void a;
  } finally {
    t.cleanup();
  }
});

test('code.move goes to the end of its new level and never under itself', async () => {
  const { t, s, codes } = await study();
  try {
    await s.apply({ type: 'code.move', id: codes.rota, parentId: codes.support });
    assert.deepEqual((await s.store.listChildCodes(codes.support)).map((c) => c.id), [codes.peer, codes.rota]);
    await assert.rejects(s.apply({ type: 'code.move', id: codes.support, parentId: codes.rota }), code('conflict'));
  } finally {
    t.cleanup();
  }
});

test('code.delete: with its subtree and segments, or keeping segments (recoded to the parent) and subcodes (moved up)', async () => {
  const { t, s, codes, docs } = await study();
  try {
    await s.apply({ type: 'memo.create', target: { kind: 'code', id: codes.peer }, text: 'peer memo' });
    const keep = await s.apply({ type: 'code.delete', id: codes.peer, segments: 'parent' });
    assert.deepEqual(keep, { codesDeleted: 1, segmentsDeleted: 0, segmentsMoved: 4 });
    assert.equal((await s.store.listSegments({ codeIds: [codes.support] })).length, 4);
    assert.deepEqual(await s.store.listMemos(), [], 'memos on a deleted code go with it');
    await assert.rejects(s.apply({ type: 'code.delete', id: codes.meaning, segments: 'parent' }), code('invalid-option'), 'a top-level code has no parent');
    const lift = await s.apply({ type: 'code.delete', id: codes.work, children: 'parent' });
    assert.deepEqual(lift, { codesDeleted: 1, segmentsDeleted: 0, segmentsMoved: 0 });
    assert.equal((await s.store.getCode(codes.staffing))?.parentId, null);
    const all = await s.apply({ type: 'code.delete', id: codes.support });
    assert.deepEqual(all, { codesDeleted: 1, segmentsDeleted: 4, segmentsMoved: 0 });
    await s.apply({ type: 'code.create', id: 'c-x', name: 'X' });
    await s.apply({ type: 'code.create', id: 'c-y', name: 'Y', parentId: 'c-x' });
    await s.apply({ type: 'segment.create', documentId: docs.d1, codeId: 'c-y', start: 0, end: 4, coder: 'Asha' });
    assert.deepEqual(await s.apply({ type: 'code.delete', id: 'c-x' }), { codesDeleted: 2, segmentsDeleted: 1, segmentsMoved: 0 });
    await assert.rejects(s.apply({ type: 'code.delete', id: 'c-x' }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('code.merge and code.split (behaviour in store.test.ts); merging into a subcode of itself is refused', async () => {
  const { t, s, codes } = await study();
  try {
    await assert.rejects(s.apply({ type: 'code.merge', sourceIds: [codes.work], targetId: codes.rota }), code('conflict'));
    await assert.rejects(s.apply({ type: 'code.merge', sourceIds: ['nope'], targetId: codes.rota }), code('not-found'));
    const r = await s.apply({ type: 'code.merge', sourceIds: [codes.rota], targetId: codes.staffing });
    assert.deepEqual(r, { moved: 2, collapsed: 0 });
    const [one] = await s.store.listSegments({ codeIds: [codes.staffing] });
    const sp = await s.apply({ type: 'code.split', codeId: codes.staffing, segmentIds: [one.id], name: 'Rota again' });
    assert.equal((await s.store.getSegment(one.id))?.codeId, sp.id);
    await assert.rejects(s.apply({ type: 'code.split', codeId: codes.staffing, segmentIds: ['nope'], name: 'Z' }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('segment.create places the segment in its turn; segment.setKeyQuote and segment.delete (memos on it go too)', async () => {
  const { t, s, codes, docs } = await study();
  try {
    const r = await rangeOf(s, docs.d3, 'Patients thanking you');
    const { id } = await s.apply({ type: 'segment.create', documentId: docs.d3, codeId: codes.meaning, ...r, coder: 'Cara' });
    const g = (await s.store.getSegment(id))!;
    assert.deepEqual([g.participantId, g.turnIdx, g.text], ['P04', 2, 'Patients thanking you']);
    assert.ok(await s.store.getCoderByName('Cara'), 'a new coder is registered');
    await assert.rejects(s.apply({ type: 'segment.create', documentId: docs.d3, codeId: codes.work, ...r, coder: 'Cara' }).then(async () => {
      await s.apply({ type: 'code.update', id: codes.work, codable: false });
      return s.apply({ type: 'segment.create', documentId: docs.d3, codeId: codes.work, ...r, coder: 'Cara' });
    }), code('invalid-option'));
    await assert.rejects(s.apply({ type: 'segment.create', documentId: docs.d3, codeId: codes.meaning, start: 5, end: 5, coder: 'Cara' }), code('out-of-range'));
    await assert.rejects(s.apply({ type: 'segment.create', documentId: docs.d3, codeId: codes.meaning, start: 0, end: 5, coder: ' ' }), code('invalid-option'));
    await s.apply({ type: 'segment.setKeyQuote', id, keyQuote: true });
    assert.equal((await s.store.getSegment(id))?.keyQuote, true);
    await s.apply({ type: 'memo.create', target: { kind: 'segment', id }, text: 'why this matters' });
    await s.apply({ type: 'segment.delete', id });
    assert.equal(await s.store.getSegment(id), null);
    assert.deepEqual(await s.store.listMemos({ targetKind: 'segment' }), []);
    await assert.rejects(s.apply({ type: 'segment.delete', id }), code('not-found'));
    await assert.rejects(s.apply({ type: 'segment.setKeyQuote', id, keyQuote: false }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

// ---- memos

test('memo.create checks its target and defaults the author to the actor; memo.update and memo.delete', async () => {
  const { t, s, codes } = await study();
  try {
    const { id } = await s.apply({ type: 'memo.create', target: { kind: 'code', id: codes.rota }, title: 'rota', text: 'changes weekly' });
    assert.equal((await s.store.getMemo(id))?.author, 'tester');
    await assert.rejects(s.apply({ type: 'memo.create', target: { kind: 'code', id: 'nope' }, text: 'x' }), code('not-found'));
    await assert.rejects(s.apply({ type: 'memo.create', target: { kind: 'project' }, text: '  ' }), code('invalid-option'));
    await s.apply({ type: 'memo.update', id, text: 'changes every week', title: 'Rota' });
    assert.deepEqual([(await s.store.getMemo(id))?.title, (await s.store.getMemo(id))?.text], ['Rota', 'changes every week']);
    await assert.rejects(s.apply({ type: 'memo.update', id: 'nope', text: 'x' }), code('not-found'));
    await s.apply({ type: 'memo.delete', id });
    assert.equal(await s.store.getMemo(id), null);
    await assert.rejects(s.apply({ type: 'memo.delete', id }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

// ---- themes and models

test('theme.create, theme.update (rename, move, no cycles), theme.linkCodes and theme.unlinkCodes', async () => {
  const { t, s, codes } = await study();
  try {
    const { id: top } = await s.apply({ type: 'theme.create', name: 'Working in the gaps', kind: 'superordinate' });
    const { id: sub } = await s.apply({ type: 'theme.create', name: 'Role ambiguity', parentId: top, codeIds: [codes.work] });
    assert.equal((await s.store.getTheme(sub))?.kind, 'theme', 'under a superordinate theme: a theme');
    await assert.rejects(s.apply({ type: 'theme.create', name: 'Role ambiguity', parentId: top }), code('conflict'));
    await assert.rejects(s.apply({ type: 'theme.update', id: top, parentId: sub }), code('conflict'));
    await s.apply({ type: 'theme.update', id: sub, name: 'Unclear role', parentId: null, description: 'd' });
    assert.deepEqual((({ name, parentId, description }) => ({ name, parentId, description }))((await s.store.getTheme(sub))!), { name: 'Unclear role', parentId: null, description: 'd' });
    await s.apply({ type: 'theme.linkCodes', themeId: sub, codeIds: [codes.emotion] });
    await s.apply({ type: 'theme.unlinkCodes', themeId: sub, codeIds: [codes.work] });
    assert.deepEqual(await s.store.listThemeCodes({ themeId: sub }), [{ themeId: sub, codeId: codes.emotion }]);
    await assert.rejects(s.apply({ type: 'theme.linkCodes', themeId: sub, codeIds: ['nope'] }), code('not-found'));
    await assert.rejects(s.apply({ type: 'theme.unlinkCodes', themeId: 'nope', codeIds: [] }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('theme.move: a position among siblings (renumbered 0, 1, 2...), another parent, never under itself, position checked', async () => {
  const { t, s } = await study();
  try {
    const names = async (parentId: string | null) => (await s.store.listChildThemes(parentId)).map((x) => `${x.name}@${x.position}`);
    const { id: a } = await s.apply({ type: 'theme.create', name: 'A' });
    const { id: b } = await s.apply({ type: 'theme.create', name: 'B' });
    const { id: c } = await s.apply({ type: 'theme.create', name: 'C' });
    const { id: a1 } = await s.apply({ type: 'theme.create', name: 'A1', parentId: a });
    assert.deepEqual(await s.apply({ type: 'theme.move', id: c, position: 0 }), { parentId: null, position: 0 });
    assert.deepEqual(await names(null), ['C@0', 'A@1', 'B@2']);
    await s.apply({ type: 'theme.move', id: c }); // no position: the end of its level
    assert.deepEqual(await names(null), ['A@0', 'B@1', 'C@2']);
    await s.apply({ type: 'theme.move', id: b, parentId: a, position: 0 });
    assert.deepEqual(await names(a), ['B@0', 'A1@1']);
    assert.deepEqual(await names(null), ['A@0', 'C@1'], 'the level it left is renumbered');
    await s.apply({ type: 'theme.move', id: a1, parentId: null, position: 1 });
    assert.deepEqual(await names(null), ['A@0', 'A1@1', 'C@2']);
    await assert.rejects(s.apply({ type: 'theme.move', id: a, parentId: b }), code('conflict'));
    await assert.rejects(s.apply({ type: 'theme.move', id: c, position: 3 }), (e: StaffwellError) => e.code === 'out-of-range' && /field "position".*\(value "3"\).*from 0 \(first\) to 2 \(last\)/.test(e.message));
    await assert.rejects(s.apply({ type: 'theme.move', id: c, position: -1 }), code('invalid-command'));
    await assert.rejects(s.apply({ type: 'theme.move', id: 'nope' }), code('not-found'));
    await s.apply({ type: 'theme.create', name: 'C', parentId: a });
    await assert.rejects(s.apply({ type: 'theme.move', id: c, parentId: a }), code('conflict'), 'a sibling has its name');
  } finally {
    t.cleanup();
  }
});

test('theme.delete removes subthemes (or lifts them) and memos on them', async () => {
  const { t, s } = await study();
  try {
    const { id: a } = await s.apply({ type: 'theme.create', name: 'A' });
    const { id: b } = await s.apply({ type: 'theme.create', name: 'B', parentId: a });
    await s.apply({ type: 'theme.create', name: 'C', parentId: b });
    await s.apply({ type: 'memo.create', target: { kind: 'theme', id: b }, text: 'on B' });
    assert.deepEqual(await s.apply({ type: 'theme.delete', id: b, children: 'parent' }), { themesDeleted: 1 });
    assert.deepEqual((await s.store.listChildThemes(a)).map((x) => x.name), ['C']);
    assert.deepEqual(await s.store.listMemos(), []);
    assert.deepEqual(await s.apply({ type: 'theme.delete', id: a }), { themesDeleted: 2 });
    assert.deepEqual(await s.store.listThemes(), []);
  } finally {
    t.cleanup();
  }
});

test('categories: create with codes, link and unlink codes, properties (names unique), delete with its relationships', async () => {
  const { t, s, codes } = await study();
  try {
    const { id: cope } = await s.apply({ type: 'category.create', name: 'Coping', codeIds: [codes.peer] });
    await assert.rejects(s.apply({ type: 'category.create', name: 'Coping' }), code('conflict'));
    const { id: strain } = await s.apply({ type: 'category.create', name: 'Strain' });
    await s.apply({ type: 'category.linkCodes', categoryId: strain, codeIds: [codes.staffing, codes.rota] });
    await s.apply({ type: 'category.unlinkCodes', categoryId: strain, codeIds: [codes.rota] });
    assert.deepEqual((await s.store.listCategoryCodes({ categoryId: strain })).map((l) => l.codeId), [codes.staffing]);
    await s.apply({ type: 'category.addProperty', categoryId: strain, name: 'frequency', dimensionLow: 'occasional', dimensionHigh: 'constant' });
    await assert.rejects(s.apply({ type: 'category.addProperty', categoryId: strain, name: 'frequency' }), code('conflict'));
    await assert.rejects(s.apply({ type: 'category.addProperty', categoryId: 'nope', name: 'x' }), code('not-found'));
    await s.apply({ type: 'relationship.create', fromId: strain, toId: cope, relation: 'calls for' });
    await s.apply({ type: 'memo.create', target: { kind: 'category', id: strain }, text: 'strain memo' });
    await s.apply({ type: 'category.delete', id: strain });
    assert.deepEqual(await s.store.listRelationships(), []);
    assert.deepEqual(await s.store.listMemos(), []);
    await assert.rejects(s.apply({ type: 'category.delete', id: strain }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('relationships and phases: create, replace a phase’s categories, delete', async () => {
  const t = await project();
  try {
    const s = t.session;
    const { id: a } = await s.apply({ type: 'category.create', name: 'A' });
    const { id: b } = await s.apply({ type: 'category.create', name: 'B' });
    const { id: rel } = await s.apply({ type: 'relationship.create', fromId: a, toId: b, relation: 'leads to', note: 'n' });
    await assert.rejects(s.apply({ type: 'relationship.create', fromId: a, toId: 'nope', relation: 'x' }), code('not-found'));
    await assert.rejects(s.apply({ type: 'relationship.create', fromId: a, toId: b, relation: ' ' }), code('invalid-option'));
    await s.apply({ type: 'relationship.delete', id: rel });
    await assert.rejects(s.apply({ type: 'relationship.delete', id: rel }), code('not-found'));
    const { id: ph } = await s.apply({ type: 'phase.create', name: 'Early', categoryIds: [a, b] });
    await assert.rejects(s.apply({ type: 'phase.create', name: 'Early' }), code('conflict'));
    await assert.rejects(s.apply({ type: 'phase.create', name: 'Late', categoryIds: ['nope'] }), code('not-found'));
    await s.apply({ type: 'phase.setCategories', phaseId: ph, categoryIds: [b] });
    assert.deepEqual((await s.store.getPhase(ph))?.categoryIds, [b], 'the list is replaced, not added to');
    await s.apply({ type: 'phase.delete', id: ph });
    assert.deepEqual(await s.store.listPhases(), []);
    await assert.rejects(s.apply({ type: 'phase.setCategories', phaseId: ph, categoryIds: [] }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

// ---- batch, undo, redo

test('batch: every command or none, one log record listing each with its own id', async () => {
  const { t, s, docs } = await study();
  try {
    const before = (await s.history()).length;
    await assert.rejects(
      s.apply({ type: 'batch', commands: [{ type: 'code.create', name: 'Kept?' }, { type: 'segment.create', documentId: docs.d1, codeId: 'nope', start: 0, end: 1, coder: 'A' }] }),
      code('not-found'),
    );
    assert.equal(await s.store.getCodeByName(null, 'Kept?'), null);
    const r = await s.apply({ type: 'batch', commands: [{ type: 'code.create', id: 'cb', name: 'In batch' }, { type: 'memo.create', target: { kind: 'code', id: 'cb' }, text: 'later in the same batch' }] });
    assert.equal(r.results.length, 2);
    const h = await s.history();
    assert.equal(h.length, before + 1);
    const p = h[h.length - 1].payload as { commands: { id: string; command: { type: string } }[] };
    assert.deepEqual(p.commands.map((c) => c.command.type), ['code.create', 'memo.create']);
    assert.ok(p.commands.every((c) => typeof c.id === 'string'));
    await s.undo();
    assert.equal(await s.store.getCode('cb'), null, 'one undo takes back the whole batch');
    await s.redo();
    assert.ok(await s.store.getCode('cb'));
  } finally {
    t.cleanup();
  }
});

// ---- mixed methods

test('mixed.link stores the participant link; mixed.unlink removes it (and refuses when there is none)', async () => {
  const t = await project();
  try {
    const s = t.session;
    assert.equal(await readLinkSpec(s.store), null);
    await s.apply({ type: 'mixed.link', study: 'survey/study.yaml', idColumn: 'staff_id', minGroup: 5 });
    assert.deepEqual(await readLinkSpec(s.store), { study: 'survey/study.yaml', idColumn: 'staff_id', minGroup: 5 });
    await assert.rejects(s.apply({ type: 'mixed.link', study: 'x.yaml', idColumn: 'id', minGroup: 0 } as never), code('invalid-command'));
    await s.apply({ type: 'mixed.unlink' });
    assert.equal(await readLinkSpec(s.store), null);
    await assert.rejects(s.apply({ type: 'mixed.unlink' }), code('not-found'));
  } finally {
    t.cleanup();
  }
});

test('mixed.row.add/update/delete: side-by-side rows in order, references checked', async () => {
  const { t, s } = await study();
  try {
    const { id: theme } = await s.apply({ type: 'theme.create', name: 'Strain' });
    const [seg] = await s.store.listSegments();
    const a = await s.apply({ type: 'mixed.row.add', display: 'main', domain: 'Strain', finding: { text: '41% cases' }, themeIds: [theme], quoteIds: [seg.id], fit: 'confirmation' });
    await s.apply({ type: 'mixed.row.add', display: 'main', id: 'first', domain: 'Support', finding: { text: 'peer support high' }, position: 0 });
    assert.deepEqual((await readDisplay(s.store, 'main'))!.map((r) => r.id), ['first', a.id]);
    await s.apply({ type: 'mixed.row.update', display: 'main', id: a.id, fit: 'discordance', inference: 'the numbers hide it', position: 0 });
    const rows = (await readDisplay(s.store, 'main'))!;
    assert.deepEqual([rows[0].id, rows[0].fit, rows[0].inference, rows[0].domain], [a.id, 'discordance', 'the numbers hide it', 'Strain']);
    await assert.rejects(s.apply({ type: 'mixed.row.add', display: 'main', domain: 'x', finding: { text: 'y' }, themeIds: ['nope'] }), code('not-found'));
    await assert.rejects(s.apply({ type: 'mixed.row.add', display: 'main', id: 'first', domain: 'x', finding: { text: 'y' } }), code('conflict'));
    await assert.rejects(s.apply({ type: 'mixed.row.update', display: 'main', id: 'nope', fit: null }), code('not-found'));
    await assert.rejects(s.apply({ type: 'mixed.row.update', display: 'main', id: 'first', fit: 'maybe' } as never), code('invalid-command'));
    await s.apply({ type: 'mixed.row.delete', display: 'main', id: 'first' });
    assert.deepEqual((await readDisplay(s.store, 'main'))!.map((r) => r.id), [a.id]);
    await assert.rejects(s.apply({ type: 'mixed.row.delete', display: 'other', id: a.id }), code('not-found'));
    assert.deepEqual(await listDisplays(s.store), ['main']);
  } finally {
    t.cleanup();
  }
});

test('every command type is applied by a test in this file', () => {
  seen.add('undo').add('redo');
  assert.deepEqual(COMMAND_TYPES.filter((c) => !seen.has(c)), []);
});
