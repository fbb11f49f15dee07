import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StaffwellError } from '../../../src/errors.ts';
import { COMMAND_TYPES, type Command } from '../../../src/qual/commands/index.ts';
import { addReplacements, importTranscript } from '../../../src/qual/import-transcript.ts';
import { openProject } from '../../../src/qual/open-project.ts';
import { exportSnapshot } from '../../../src/qual/project-snapshot.ts';
import type { QualSession } from '../../../src/qual/project.ts';
import { tempProject, type TempProject } from '../qual-helpers.ts';
import { buildStudy } from '../study-fixture.ts';
import { projectState, roundTrip } from './command-helpers.ts';

const EX = join(import.meta.dirname, '../../../examples/qual');
const INT01 = { 'Helen Marsh': 'interviewer', 'Priya Raman': 'P01' };
const covered = new Set<string>();

/** The synthetic study plus one imported transcript (key file), with a theme, a category and a phase. */
async function fixture(): Promise<{ t: TempProject; s: QualSession; ids: Awaited<ReturnType<typeof buildStudy>> & { vtt: string; theme: string; sub: string; cat: string; cat2: string; phase: string; memo: string; rel: string } }> {
  const t = await tempProject();
  t.project.subscribe((r) => {
    covered.add(r.type);
    const p = r.payload as { commands?: { command: { type: string } }[] };
    if (r.type === 'batch') for (const c of p.commands ?? []) covered.add(c.command.type);
  });
  const s = t.session;
  const study = await buildStudy(s);
  const vtt = (await importTranscript(s, { name: 'int-01-teams.vtt', bytes: readFileSync(join(EX, 'int-01-teams.vtt')) }, { speakers: INT01, replacements: [{ original: 'Northgate General', replacement: '[Site A]', category: 'site' }] })).documentId;
  const { id: theme } = await s.apply({ type: 'theme.create', name: 'Held together', codeIds: [study.codes.support] });
  const { id: sub } = await s.apply({ type: 'theme.create', name: 'Peers', parentId: theme, codeIds: [study.codes.peer] });
  const { id: cat } = await s.apply({ type: 'category.create', name: 'Coping', codeIds: [study.codes.peer] });
  const { id: cat2 } = await s.apply({ type: 'category.create', name: 'Strain' });
  const { id: rel } = await s.apply({ type: 'relationship.create', fromId: cat2, toId: cat, relation: 'leads to' });
  const { id: phase } = await s.apply({ type: 'phase.create', name: 'Early', categoryIds: [cat] });
  const { id: memo } = await s.apply({ type: 'memo.create', target: { kind: 'code', id: study.codes.rota }, text: 'rota changes weekly' });
  return { t, s, ids: { ...study, vtt, theme, sub, cat, cat2, phase, memo, rel } };
}

type Ids = Awaited<ReturnType<typeof fixture>>['ids'];

/** One command of every type but undo and redo, as applied to the fixture. */
const CASES: [string, (ids: Ids, s: QualSession) => Promise<Command> | Command][] = [
  ['project.rename', () => ({ type: 'project.rename', name: 'Renamed 😩', description: 'd' })],
  ['site.create', () => ({ type: 'site.create', name: 'West' })],
  ['variable.create', () => ({ type: 'variable.create', name: 'grade', valueType: 'integer', scope: 'participant' })],
  ['participant.upsert', () => ({ type: 'participant.upsert', id: 'P01', site: 'West', description: 'moved', attributes: { band: 6, shift: 'nights' } })],
  ['participant.import', () => ({ type: 'participant.import', variables: [{ name: 'team', type: 'text' }], rows: [{ id: 'P09', site: 'North', attributes: { team: 'CT' } }, { id: 'P01', attributes: { team: 'MRI' } }], names: { P09: 'Dana' } })],
  ['case.create', () => ({ type: 'case.create', name: 'North team', participantIds: ['P01', 'P03'] })],
  ['document.import', () => ({ type: 'document.import', document: { name: 'extra.txt', text: 'P04: Nights are long.', format: 'text', site: 'South', attributes: { mode: 'phone' } }, turns: [{ speaker: 'P04', participantId: 'P04', start: 5, end: 21, startMs: null, endMs: null }], redactions: [], key: { sourceFile: 'extra.txt', originalText: 'P04: Nights are long.', speakers: [] } })],
  ['document.updateText', async (ids, s) => ({ type: 'document.updateText', documentId: ids.docs.d1, text: (await s.store.getDocument(ids.docs.d1))!.text.replace('thin', 'very thin') })],
  ['document.delete', (ids) => ({ type: 'document.delete', documentId: ids.vtt })],
  ['document.pseudonymise', (ids) => ({ type: 'document.pseudonymise', documentId: ids.vtt, replacements: [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }] })],
  ['project.pseudonymise', () => ({ type: 'project.pseudonymise', replacements: [{ original: 'Coping', replacement: '[category]' }, { original: 'rota', replacement: '[r]' }, { original: 'Held', replacement: '[h]' }] })],
  ['replacement.add', () => ({ type: 'replacement.add', original: 'Marcus', replacement: '[CT lead]', category: 'colleague' })],
  ['replacement.remove', async (_ids, s) => ({ type: 'replacement.remove', original: (await s.store.listReplacements())[0].original })],
  ['code.create', (ids) => ({ type: 'code.create', name: 'Night shifts', parentId: ids.codes.work, color: '#123456' })],
  ['code.update', (ids) => ({ type: 'code.update', id: ids.codes.rota, name: 'Rota changes', description: 'weekly', codable: true })],
  ['code.move', (ids) => ({ type: 'code.move', id: ids.codes.rota, parentId: null })],
  ['code.delete', (ids) => ({ type: 'code.delete', id: ids.codes.work })],
  ['code.merge', (ids) => ({ type: 'code.merge', sourceIds: [ids.codes.staffing], targetId: ids.codes.rota })],
  ['code.split', async (ids, s) => ({ type: 'code.split', codeId: ids.codes.peer, segmentIds: [(await s.store.listSegments({ codeIds: [ids.codes.peer] }))[0].id], name: 'Team chat' })],
  ['segment.create', (ids) => ({ type: 'segment.create', documentId: ids.docs.d2, codeId: ids.codes.meaning, start: 0, end: 10, coder: 'Cara' })],
  ['segment.delete', async (ids, s) => ({ type: 'segment.delete', id: (await s.store.listSegments({ codeIds: [ids.codes.emotion] }))[0].id })],
  ['segment.setKeyQuote', async (ids, s) => ({ type: 'segment.setKeyQuote', id: (await s.store.listSegments({ codeIds: [ids.codes.meaning] }))[0].id, keyQuote: true })],
  ['memo.create', (ids) => ({ type: 'memo.create', target: { kind: 'theme', id: ids.theme }, title: 'why', text: 'قال الممرض' })],
  ['memo.update', (ids) => ({ type: 'memo.update', id: ids.memo, text: 'edited' })],
  ['memo.delete', (ids) => ({ type: 'memo.delete', id: ids.memo })],
  ['theme.create', (ids) => ({ type: 'theme.create', name: 'Night work', parentId: ids.theme, codeIds: [ids.codes.rota] })],
  ['theme.update', (ids) => ({ type: 'theme.update', id: ids.sub, name: 'Each other', parentId: null, kind: 'theme' })],
  ['theme.move', (ids) => ({ type: 'theme.move', id: ids.sub, parentId: null, position: 0 })],
  ['theme.delete', (ids) => ({ type: 'theme.delete', id: ids.theme })],
  ['theme.linkCodes', (ids) => ({ type: 'theme.linkCodes', themeId: ids.theme, codeIds: [ids.codes.emotion] })],
  ['theme.unlinkCodes', (ids) => ({ type: 'theme.unlinkCodes', themeId: ids.theme, codeIds: [ids.codes.support] })],
  ['category.create', (ids) => ({ type: 'category.create', name: 'Recovery', codeIds: [ids.codes.meaning] })],
  ['category.delete', (ids) => ({ type: 'category.delete', id: ids.cat })],
  ['category.linkCodes', (ids) => ({ type: 'category.linkCodes', categoryId: ids.cat2, codeIds: [ids.codes.staffing] })],
  ['category.unlinkCodes', (ids) => ({ type: 'category.unlinkCodes', categoryId: ids.cat, codeIds: [ids.codes.peer] })],
  ['category.addProperty', (ids) => ({ type: 'category.addProperty', categoryId: ids.cat, name: 'source', dimensionLow: 'peers', dimensionHigh: 'managers' })],
  ['relationship.create', (ids) => ({ type: 'relationship.create', fromId: ids.cat, toId: ids.cat2, relation: 'eases' })],
  ['relationship.delete', (ids) => ({ type: 'relationship.delete', id: ids.rel })],
  ['phase.create', (ids) => ({ type: 'phase.create', name: 'Later', categoryIds: [ids.cat2, ids.cat] })],
  ['phase.setCategories', (ids) => ({ type: 'phase.setCategories', phaseId: ids.phase, categoryIds: [ids.cat2] })],
  ['phase.delete', (ids) => ({ type: 'phase.delete', id: ids.phase })],
  ['mixed.link', () => ({ type: 'mixed.link', study: '../survey/study.yaml', idColumn: 'staff_id', minGroup: 5 })],
  ['mixed.unlink', async (_ids, s) => (await s.apply({ type: 'mixed.link', study: 'study.yaml', idColumn: 'id' }), { type: 'mixed.unlink' })],
  ['mixed.row.add', (ids) => ({ type: 'mixed.row.add', display: 'sbs', domain: 'Strain', finding: { text: '41% cases', analysis: 'ghq-caseness', statistic: 'estimate' }, themeIds: [ids.theme], fit: 'expansion', inference: 'why' })],
  ['mixed.row.update', async (ids, s) => (await s.apply({ type: 'mixed.row.add', display: 'sbs', id: 'r1', domain: 'Strain', finding: { text: 't' } }), { type: 'mixed.row.update', display: 'sbs', id: 'r1', fit: 'discordance', themeIds: [ids.theme] })],
  ['mixed.row.delete', async (_ids, s) => (await s.apply({ type: 'mixed.row.add', display: 'sbs', id: 'r1', domain: 'Strain', finding: { text: 't' } }), { type: 'mixed.row.delete', display: 'sbs', id: 'r1' })],
  ['batch', (ids) => ({ type: 'batch', commands: [{ type: 'code.create', id: 'c-batch', name: 'Batch' }, { type: 'segment.create', documentId: ids.docs.d3, codeId: 'c-batch', start: 0, end: 5, coder: 'Asha' }, { type: 'memo.delete', id: ids.memo }] })],
];

for (const [type, build] of CASES) {
  test(`undo and redo: ${type}`, async () => {
    const { t, s, ids } = await fixture();
    try {
      await roundTrip(s, await build(ids, s));
    } finally {
      t.cleanup();
    }
  });
}

test('undo and redo: snapshot.import into an empty project, and a code deleted keeping its segments and subcodes', async () => {
  const { t, s, ids } = await fixture();
  const u = await tempProject();
  try {
    u.project.subscribe((r) => covered.add(r.type));
    await roundTrip(u.session, { type: 'snapshot.import', snapshot: await exportSnapshot(s.store) });
    await roundTrip(s, { type: 'code.delete', id: ids.codes.support, segments: 'delete', children: 'parent' });
    await roundTrip(s, { type: 'code.delete', id: ids.codes.staffing, segments: 'parent' });
    await roundTrip(s, { type: 'theme.delete', id: ids.theme, children: 'parent' });
  } finally {
    u.cleanup();
    t.cleanup();
  }
});

test('every command type has an undo/redo round trip', () => {
  covered.add('undo').add('redo');
  assert.deepEqual(COMMAND_TYPES.filter((c) => !covered.has(c)), []);
});

test('undo is per actor, newest first; a new command clears that actor’s redo; undo and redo are in the log', async () => {
  const { t, ids } = await fixture();
  try {
    const asha = t.project.as('asha');
    const ben = t.project.as('ben');
    const heard: string[] = [];
    t.project.subscribe((r) => heard.push(`${r.seq}:${r.type}${r.targetSeq ? `#${r.targetSeq}` : ''}`));
    const a1 = await asha.apply({ type: 'code.create', name: 'A1' });
    const b1 = await ben.apply({ type: 'code.create', name: 'B1' });
    await asha.apply({ type: 'code.create', name: 'A2' });
    await ben.undo();
    const names = async () => (await t.project.store.listCodes()).map((c) => c.name).filter((n) => /^[AB]\d$/.test(n));
    assert.deepEqual(await names(), ['A1', 'A2'], "ben's undo took back ben's code only");
    await asha.undo();
    await asha.undo();
    assert.deepEqual(await names(), []);
    await asha.redo();
    assert.deepEqual(await names(), ['A1']);
    await asha.apply({ type: 'code.update', id: a1.id, description: 'new work' });
    await assert.rejects(asha.redo(), (e: StaffwellError) => e.code === 'not-found', 'a new command clears the redo stack');
    await ben.redo();
    assert.deepEqual(await names(), ['A1', 'B1'], "ben's redo stack is his own");
    assert.ok((await t.project.store.getCode(b1.id))!);
    const h = await t.project.history({ afterSeq: heard.length ? Number(heard[0].split(':')[0]) - 1 : 0 });
    assert.deepEqual(h.map((r) => `${r.seq}:${r.type}${r.targetSeq ? `#${r.targetSeq}` : ''}`), heard, 'subscribers heard every command, undo and redo in order');
    assert.deepEqual(h.map((r) => [r.actor, r.type]).slice(3), [
      ['ben', 'undo'],
      ['asha', 'undo'],
      ['asha', 'undo'],
      ['asha', 'redo'],
      ['asha', 'code.update'],
      ['ben', 'redo'],
    ]);
    assert.equal(h.find((r) => r.type === 'code.create' && r.actor === 'asha' && (r.affected[0] !== a1.id))?.state, 'discarded', 'A2 stays undone');
    await assert.rejects(t.project.as('cara').undo(), (e: StaffwellError) => e.code === 'not-found' && /cara has nothing to undo/.test(e.message));
    void ids;
  } finally {
    t.cleanup();
  }
});

test('undo is refused, changing nothing, when a later command of another actor touched the same data', async () => {
  const { t, ids } = await fixture();
  try {
    const asha = t.project.as('asha');
    const ben = t.project.as('ben');
    const { id } = await asha.apply({ type: 'code.create', name: 'Fatigue' });
    await ben.apply({ type: 'segment.create', documentId: ids.docs.d2, codeId: id, start: 0, end: 8, coder: 'Ben' });
    await asha.apply({ type: 'code.update', id: ids.codes.meaning, name: 'Purpose' });
    await ben.apply({ type: 'code.update', id: ids.codes.meaning, description: 'why they stay' });
    const before = await t.project.store.read(projectState);
    const seq = (await t.project.history({ descending: true, limit: 1 }))[0].seq;
    await assert.rejects(asha.undo(), (e: StaffwellError) => e.code === 'conflict', 'ben changed the code since');
    assert.deepEqual(await t.project.store.read(projectState), before);
    assert.equal((await t.project.history({ descending: true, limit: 1 }))[0].seq, seq, 'a refused undo leaves no record');
    await ben.undo(); // ben takes his description back; now asha can undo her rename
    await asha.undo();
    assert.equal((await t.project.store.getCode(ids.codes.meaning))!.name, 'Meaning');
    await assert.rejects(asha.undo(), (e: StaffwellError) => e.code === 'conflict' && /added later/.test(e.message), 'deleting Fatigue would delete ben’s segment');
  } finally {
    t.cleanup();
  }
});

test('undoing an import needs the key file; the project opened without it refuses', async () => {
  const t = await tempProject();
  try {
    await importTranscript(t.session, { name: 'int-01-teams.vtt', bytes: readFileSync(join(EX, 'int-01-teams.vtt')) }, { speakers: INT01 });
    t.project.close();
    const shared = openProject(t.path, { newId: () => 'x' });
    try {
      // the library names its option (keyPath), never a flag of the CLI
      await assert.rejects(shared.as('tester').undo(), (e: StaffwellError) => e.code === 'not-found' && /key file/.test(e.message) && e.location.field === 'keyPath' && !/--/.test(e.message));
      assert.equal((await shared.store.listDocuments()).length, 1);
    } finally {
      shared.close();
    }
    const withKey = openProject(t.path, { keyPath: t.keyPath, newId: () => 'y' });
    try {
      await withKey.as('tester').undo();
      assert.equal((await withKey.store.listDocuments()).length, 0);
      assert.deepEqual(await withKey.store.listOriginalDocumentIds(), []);
    } finally {
      withKey.close();
    }
  } finally {
    t.cleanup();
  }
});

test('undoing an added replacement brings the name back; its undo information never reaches the project file', async () => {
  const { t, s, ids } = await fixture();
  try {
    const r = await addReplacements(s, [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }]);
    assert.equal(r.replaced, 1);
    const text = async () => (await s.store.getDocument(ids.vtt))!.text;
    assert.ok(!(await text()).includes('Marcus'));
    await s.undo();
    assert.ok((await text()).includes('Marcus'));
    await s.redo();
    assert.ok(!(await text()).includes('Marcus'));
    const h = await s.history();
    assert.ok(!JSON.stringify(h).includes('Marcus'), 'the audit log never holds an original');
    t.project.close();
    const bytes = readFileSync(t.path).toString('latin1') + readFileSync(t.path + '-wal', { flag: 'a+' }).toString('latin1');
    assert.ok(!bytes.includes('Marcus'), 'the project file keeps no trace of the name');
    assert.ok(readFileSync(t.keyPath).toString('latin1').includes('Marcus'), 'the key file keeps what undo needs');
  } finally {
    t.cleanup();
  }
});

test('a command changing nothing is logged but not undoable; undo skips it', async () => {
  const { t, s, ids } = await fixture();
  try {
    await s.apply({ type: 'code.create', name: 'Last' });
    const none = await s.apply({ type: 'document.pseudonymise', documentId: ids.docs.d1, replacements: [{ original: 'Nobody', replacement: '[x]' }] });
    assert.equal(none.replaced, 0);
    const [last] = await s.history({ descending: true, limit: 1 });
    assert.equal(last.state, null);
    const u = await s.undo();
    assert.equal(u.type, 'code.create');
  } finally {
    t.cleanup();
  }
});
