import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toCsv } from '../../src/qual/exports.ts';
import { groundedTheoryModel, modelToDot } from '../../src/qual/grounded-theory.ts';
import { codeMatrix, cooccurrence, matrixRows } from '../../src/qual/matrices.ts';
import { memoTimeline } from '../../src/qual/memos.ts';
import { kwic, querySegments } from '../../src/qual/queries.ts';
import { saturationCurve } from '../../src/qual/saturation.ts';
import { themeRecurrence, themeTable } from '../../src/qual/themes.ts';
import { buildStudy } from './study-fixture.ts';
import { tempProject } from './qual-helpers.ts';

const GOLDEN = join(import.meta.dirname, '../golden/qual');
/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `golden ${name} differs (UPDATE_GOLDEN=1 to rewrite after checking)`);
}

test('segments by code (with subcodes), theme, coder, site and attribute', async () => {
  const t = await tempProject();
  try {
    const { codes } = await buildStudy(t.session);
    const s = t.project.store;
    const work = await querySegments(s, { codeIds: [codes.work] });
    assert.equal(work.length, 6);
    assert.deepEqual(new Set(work.map((h) => h.code)), new Set(['Workload/Rota', 'Workload/Staffing']));
    assert.equal((await querySegments(s, { codeIds: [codes.work], includeDescendants: false })).length, 0);
    const north = await querySegments(s, { codeIds: [codes.peer], sites: ['North'], coders: ['Asha'] });
    assert.deepEqual(north.map((h) => [h.participantId, h.site, h.attributes.role]), [
      ['P01', 'North', 'support worker'],
      ['P03', 'North', 'support worker'],
    ]);
    const band4 = await querySegments(s, { attributes: { band: 4 } });
    assert.deepEqual(band4.map((h) => h.text), ['Patients thanking you', 'And my team, when the rota is kind', 'when the rota is kind']);
    const { id: theme } = await t.session.apply({ type: 'theme.create', name: 'Held together by the team', codeIds: [codes.support] });
    assert.equal((await querySegments(s, { themeIds: [theme] })).length, 4);
  } finally {
    t.cleanup();
  }
});

test('KWIC: offsets, context, speaker and participant of the turn; phrases and prefixes', async () => {
  const t = await tempProject();
  try {
    const { docs } = await buildStudy(t.session);
    const hits = await kwic(t.project.store, 'team', { context: 12 });
    assert.deepEqual(
      hits.map((h) => [h.documentName, h.keyword, h.left, h.right, h.speaker, h.participantId]),
      [
        ['int-P01.txt', 'team', 'u? P01: My ', ' supports me', 'P01', 'P01'],
        ['fg-1.txt', 'team', '? P03: The ', '. Honestly t', 'P03', 'P03'],
        ['fg-1.txt', 'team', 'onestly the ', ' supports me', 'P03', 'P03'],
        ['fg-1.txt', 'team', 'you. And my ', ', when the r', 'P04', 'P04'],
      ],
    );
    const doc = (await t.project.store.getDocument(docs.d1))!;
    assert.equal(doc.text.slice(hits[0].start, hits[0].end), 'team');
    assert.deepEqual((await kwic(t.project.store, 'slept badly')).map((h) => h.keyword), ['slept badly']);
    assert.deepEqual((await kwic(t.project.store, 'support*')).map((h) => h.keyword), ['supports', 'supports', 'supports']);
    assert.deepEqual(await kwic(t.project.store, 'teamwork'), []);
  } finally {
    t.cleanup();
  }
});

test('matrices: code × participant, code × site, framework text, co-occurrence (golden CSV)', async () => {
  const t = await tempProject();
  try {
    const { codes } = await buildStudy(t.session);
    const s = t.project.store;
    const byP = await codeMatrix(s, { by: 'participants' });
    golden('code-by-participant.csv', toCsv(matrixRows(byP)));
    golden('code-by-site.csv', toCsv(matrixRows(await codeMatrix(s, { by: 'sites' }))));
    golden('framework-by-participant.csv', toCsv(matrixRows(await codeMatrix(s, { by: 'participants', text: true, dropEmpty: true }), { text: true })));
    const overlap = await cooccurrence(s, { scope: 'overlap' });
    golden('cooccurrence-overlap.csv', toCsv(matrixRows(overlap)));
    const turn = await cooccurrence(s, { scope: 'turn' });
    golden('cooccurrence-turn.csv', toCsv(matrixRows(turn)));
    // spot checks stated independently of the golden files
    const ix = (m: { codes: { id: string }[] }, id: string) => m.codes.findIndex((c) => c.id === id);
    const n = overlap.codes.length;
    // "The rota changes every week" (Rota, Asha) overlaps Ben's Staffing segment covering it; "when the rota is kind"
    // (Rota) lies inside "And my team, when the rota is kind" (Peer support)
    assert.equal(overlap.counts[ix(overlap, codes.rota) * n + ix(overlap, codes.staffing)], 1);
    assert.equal(overlap.counts[ix(overlap, codes.rota) * n + ix(overlap, codes.peer)], 1);
    assert.equal(turn.counts[ix(turn, codes.rota) * n + ix(turn, codes.staffing)], 1);
    assert.equal(turn.counts[ix(turn, codes.staffing) * n + ix(turn, codes.staffing)], 2);
    const r = byP.rows.findIndex((x) => x.id === codes.peer);
    assert.deepEqual(Array.from(byP.counts.subarray(r * 4, r * 4 + 4)), [2, 0, 1, 1]);
  } finally {
    t.cleanup();
  }
});

test('theme table: codes, contributing participants (IPA recurrence), key quotes else first N', async () => {
  const t = await tempProject();
  try {
    const { codes } = await buildStudy(t.session);
    const p = t.session;
    const { id: sup } = await p.apply({ type: 'theme.create', name: 'Pressure', kind: 'superordinate' });
    const { id: th } = await p.apply({ type: 'theme.create', name: 'Thin on the ground', parentId: sup, codeIds: [codes.work] });
    const { id: sub } = await p.apply({ type: 'theme.create', name: 'Carrying it home', parentId: th, codeIds: [codes.emotion] });
    const { id: team } = await p.apply({ type: 'theme.create', name: 'The team', codeIds: [codes.peer] });
    const table = await themeTable(p.store, sup, { quotes: 2 });
    assert.deepEqual(table.subthemes.map((x) => [x.name, x.kind, x.depth]), [
      ['Thin on the ground', 'theme', 0],
      ['Carrying it home', 'subtheme', 1],
    ]);
    assert.deepEqual(table.codes.map((c) => [c.code, c.segments]), [
      ['Emotional labour', 2],
      ['Workload', 0],
      ['Workload/Rota', 2],
      ['Workload/Staffing', 4],
    ]);
    assert.deepEqual(table.recurrence, { count: 3, total: 4, ids: ['P01', 'P02', 'P04'] });
    assert.deepEqual(table.keyQuotes.map((q) => [q.text, q.flagged]), [['Families are angry and grieving', true]]);
    const teamTable = await themeTable(p.store, team, { quotes: 2 });
    assert.deepEqual(teamTable.keyQuotes.map((q) => q.text), ['My team supports me']);
    const subTable = await themeTable(p.store, sub, { quotes: 1 });
    assert.deepEqual(subTable.recurrence.ids, ['P02']);
    // with no flagged quote: the first N in document order
    await p.apply({ type: 'segment.setKeyQuote', id: (await p.store.listSegments({ codeIds: [codes.emotion] })).find((s) => s.keyQuote)!.id, keyQuote: false });
    assert.deepEqual((await themeTable(p.store, sub, { quotes: 1 })).keyQuotes.map((q) => [q.text, q.flagged]), [['Families are angry and grieving', false]]);
    const rec = await themeRecurrence(p.store);
    assert.deepEqual(rec.rows.map((r) => [r.name, r.depth, r.count]), [
      ['Pressure', 0, 3],
      ['Thin on the ground', 1, 3],
      ['Carrying it home', 2, 1],
      ['The team', 0, 3],
    ]);
  } finally {
    t.cleanup();
  }
});

test('grounded theory: categories, properties, relationships, ordered phases; JSON and DOT', async () => {
  const t = await tempProject();
  try {
    const { codes } = await buildStudy(t.session);
    const p = t.session;
    const { id: amb } = await p.apply({ type: 'category.create', name: 'Role ambiguity', codeIds: [codes.staffing] });
    const { id: exp } = await p.apply({ type: 'category.create', name: 'Emotional exposure', codeIds: [codes.emotion] });
    const { id: peer } = await p.apply({ type: 'category.create', name: 'Peer buffering', codeIds: [codes.peer] });
    await p.apply({ type: 'category.addProperty', categoryId: exp, name: 'frequency', dimensionLow: 'occasional', dimensionHigh: 'daily' });
    await p.apply({ type: 'relationship.create', fromId: amb, toId: exp, relation: 'intensifies' });
    await p.apply({ type: 'relationship.create', fromId: exp, toId: peer, relation: 'is buffered by', note: 'focus group' });
    await p.apply({ type: 'phase.create', name: 'Doing the work', position: 1, categoryIds: [exp, peer] });
    await p.apply({ type: 'phase.create', name: 'Entering', position: 0, categoryIds: [amb] });
    const m = await groundedTheoryModel(p.store);
    assert.deepEqual(m.phases.map((x) => x.name), ['Entering', 'Doing the work']);
    assert.deepEqual(m.categories.find((c) => c.id === exp)!.properties, [{ name: 'frequency', dimension: ['occasional', 'daily'], description: '' }]);
    assert.deepEqual(m.categories.find((c) => c.id === amb)!.codes, ['Workload/Staffing']);
    golden('model.dot', modelToDot(m));
    await assert.rejects(p.apply({ type: 'relationship.create', fromId: amb, toId: 'nope', relation: 'x' }), /no category/);
  } finally {
    t.cleanup();
  }
});

test('saturation curve in import and interview-date order', async () => {
  const t = await tempProject();
  try {
    await buildStudy(t.session);
    const s = t.project.store;
    assert.deepEqual((await saturationCurve(s)).map((x) => [x.name, x.newCodes, x.cumulative]), [
      ['int-P01.txt', ['Support/Peer support', 'Workload/Rota', 'Workload/Staffing'], 3],
      ['int-P02.txt', ['Emotional labour'], 4],
      ['fg-1.txt', ['Meaning'], 5],
    ]);
    assert.deepEqual((await saturationCurve(s, { order: 'interview-date' })).map((x) => [x.name, x.newCodes.length, x.cumulative]), [
      ['int-P02.txt', 2, 2],
      ['int-P01.txt', 2, 4],
      ['fg-1.txt', 1, 5],
    ]);
  } finally {
    t.cleanup();
  }
});

test('memo timeline: every target kind, in time order, labelled', async () => {
  const t = await tempProject();
  try {
    const { codes, docs } = await buildStudy(t.session);
    const p = t.session;
    await p.apply({ type: 'memo.create', target: { kind: 'project' }, text: 'Reflexive note' });
    await p.apply({ type: 'memo.create', target: { kind: 'code', id: codes.staffing }, text: 'Staffing is the backdrop' });
    await p.apply({ type: 'memo.create', target: { kind: 'document', id: docs.d2 }, text: 'Grief is central here' });
    await p.apply({ type: 'memo.create', target: { kind: 'participant', id: 'P04' }, text: 'New in post' });
    const m = await memoTimeline(p.store);
    assert.deepEqual(m.map((x) => x.about), ['project', 'code Workload/Staffing', 'document int-P02.txt', 'participant P04']);
    assert.ok(m.every((x, i) => i === 0 || m[i - 1].createdAt <= x.createdAt));
    assert.equal((await memoTimeline(p.store, { from: m[2].createdAt })).length, 2);
  } finally {
    t.cleanup();
  }
});
