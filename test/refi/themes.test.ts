/**
 * Themes in REFI-QDA (#17): a project's themes leave as Sets of codes with the "Staffwell themes" graph for their
 * hierarchy and come back on import into a new project — same names, descriptions, kinds, codes, parents, order.
 * The grounded-theory model likewise (category Sets and the "Staffwell grounded-theory model" graph), without the
 * category properties and relationship notes REFI-QDA has no place for. Sets that hold sources or notes (NVivo source
 * sets) and Graphs that are not Staffwell's are named in warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { createProject, openProject } from '../../src/qual/open-project.ts';
import type { QualProject } from '../../src/qual/project.ts';
import { themeTree } from '../../src/qual/themes.ts';
import { groundedTheoryModel } from '../../src/qual/grounded-theory.ts';
import { qualExportQdpx } from '../../src/services/qual-export.ts';
import { qualImportQdpx } from '../../src/services/qual-project.ts';
import { importQdpx } from '../../src/refi/index.ts';
import { validateAgainst } from './validate-xsd.ts';

const dir = mkdtempSync(join(tmpdir(), 'sw-refi-themes-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const NS = 'urn:QDA-XML:project:1.0';
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const actor = 'tester';

/** Themes as the project lists them: hierarchy order, path of names, kind, description, code paths. */
async function themes(p: QualProject) {
  const [rows, links, codes] = await Promise.all([p.store.listThemes(), p.store.listThemeCodes(), p.store.listCodes()]);
  const code = new Map(codes.map((c) => [c.id, c]));
  const codePath = (id: string | null): string => (id && code.get(id) ? `${codePath(code.get(id)!.parentId)}/${code.get(id)!.name}` : '');
  const byId = new Map(rows.map((t) => [t.id, t]));
  const path = (id: string | null): string => (id && byId.get(id) ? `${path(byId.get(id)!.parentId)}/${byId.get(id)!.name}` : '');
  return themeTree(rows).map(({ theme: t }) => ({
    path: path(t.id),
    kind: t.kind,
    description: t.description,
    codes: links.filter((l) => l.themeId === t.id).map((l) => codePath(l.codeId)).sort(),
  }));
}

test('a project with nested themes -> .qdpx -> a new project: same themes, names, descriptions, kinds, codes, parents, order', async () => {
  const a = await createProject(join(dir, 'a.sqlite'), { actor, name: 'Themes' });
  try {
    const code = async (name: string, parentId: string | null = null) =>
      ((await a.apply({ type: 'code.create', name, parentId }, { actor })) as { id: string }).id;
    const work = await code('Workload');
    const staff = await code('Staffing', work);
    const sleep = await code('Sleep & fatigue <nights>');
    const mgr = await code('Manager support');
    const theme = async (name: string, extra: Record<string, unknown> = {}) =>
      ((await a.apply({ type: 'theme.create', name, ...extra }, { actor })) as { id: string }).id;
    const strain = await theme('Strain', { kind: 'superordinate', description: 'Demands outrun "resources" & <time>', codeIds: [work] });
    const short = await theme('Running short', { parentId: strain, codeIds: [staff, sleep] });
    await theme('Nights', { parentId: short, description: 'line one\nline two', codeIds: [sleep] });
    const held = await theme('Being held', { parentId: strain });
    await theme('Support that works', { codeIds: [mgr] });
    await theme('Empty theme', { kind: 'subtheme' });
    // order is the user's, not creation order or names: "Being held" first under "Strain", "Empty theme" first at the top
    await a.apply({ type: 'theme.move', id: held, position: 0 }, { actor });
    const empty = (await a.store.listThemes()).find((t) => t.name === 'Empty theme')!.id;
    await a.apply({ type: 'theme.move', id: empty, position: 0 }, { actor });
    await a.apply({ type: 'memo.create', target: { kind: 'theme', id: short }, title: 'Why', text: 'Shortage drives the nights' }, { actor });
    const want = await themes(a);
    assert.deepEqual(want.map((t) => t.path), ['/Empty theme', '/Strain', '/Strain/Being held', '/Strain/Running short', '/Strain/Running short/Nights', '/Support that works']);

    const bytes = await qualExportQdpx(a);
    const { warnings } = importQdpx(bytes);
    assert.deepEqual(warnings, []);
    const r = await qualImportQdpx({ bytes, archiveName: 'themes.qdpx', path: join(dir, 'b.sqlite'), actor });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([r.themes, r.categories], [6, 0]);
    const b = openProject(r.path);
    try {
      assert.deepEqual(await themes(b), want);
      const memos = await b.store.listMemos();
      const onShort = (await b.store.listThemes()).find((t) => t.name === 'Running short')!.id;
      assert.deepEqual(memos.map((m) => [m.title, m.text, m.target]), [['Why', 'Shortage drives the nights', { kind: 'theme', id: onShort }]], 'a memo on a theme travels as a note of its Set');
      // and again: the imported project exports the same themes
      const again = importQdpx(await qualExportQdpx(b));
      assert.deepEqual(again.warnings, []);
      assert.deepEqual(again.snapshot.themes?.map((t) => t.name), want.map((t) => t.path.split('/').pop()));
    } finally {
      b.close();
    }
  } finally {
    a.close();
  }
});

test('the exported themes validate against Project.xsd, with a Set per theme and the "Staffwell themes" graph', async () => {
  const p = await createProject(join(dir, 'xsd.sqlite'), { actor, name: 'X' });
  try {
    const top = ((await p.apply({ type: 'theme.create', name: 'Top' }, { actor })) as { id: string }).id;
    await p.apply({ type: 'theme.create', name: 'Below', parentId: top }, { actor });
    const { unzipSync, strFromU8 } = await import('fflate');
    const qde = strFromU8(unzipSync(await qualExportQdpx(p))['project.qde']);
    assert.deepEqual(await validateAgainst(qde, 'Project.xsd'), []);
    assert.equal(qde.match(/<Set /g)?.length, 2);
    assert.match(qde, /<Graph guid="[^"]+" name="Staffwell themes">/);
    assert.match(qde, /<Edge [^>]*name="subtheme"[^>]*direction="OneWay"/);
  } finally {
    p.close();
  }
});

function qdpx(body: string): Uint8Array {
  const qde = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="${NS}" name="t" origin="NVivo 15">
  <CodeBook><Codes><Code guid="${G(1)}" name="Stress" isCodable="true"/><Code guid="${G(2)}" name="Support" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${G(3)}" name="Doc"><PlainTextContent>hello</PlainTextContent></TextSource></Sources>
  <Notes><Note guid="${G(4)}" name="n"><PlainTextContent>x</PlainTextContent></Note></Notes>
  ${body}
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde) });
}

test('Sets of codes from another tool are themes; source and note sets, other graphs and unknown codes are named in warnings', () => {
  const { snapshot, warnings } = importQdpx(
    qdpx(`<Sets>
    <Set guid="${G(10)}" name="Pressures"><Description>From NVivo</Description><MemberCode targetGUID="${G(1)}"/><MemberCode targetGUID="${G(99)}"/></Set>
    <Set guid="${G(11)}" name="Ward A interviews"><MemberSource targetGUID="${G(3)}"/></Set>
    <Set guid="${G(12)}" name="Memos to read"><MemberCode targetGUID="${G(2)}"/><MemberNote targetGUID="${G(4)}"/></Set>
    <Set guid="${G(13)}" name="Pressures"><MemberCode targetGUID="${G(2)}"/></Set>
  </Sets>
  <Graphs><Graph guid="${G(20)}" name="Concept map"><Vertex guid="${G(21)}" representedGUID="${G(1)}" firstX="0" firstY="0"/></Graph></Graphs>`),
  );
  assert.deepEqual(
    snapshot.themes?.map((t) => [t.name, t.parentId, t.description, t.codeIds]),
    [
      ['Pressures', null, 'From NVivo', [G(1)]],
      ['Pressures (2)', null, undefined, [G(2)]],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.kind, w.element, w.name]),
    [
      ['unresolved-reference', 'MemberCode', 'Pressures'],
      ['skipped-element', 'Set', 'Ward A interviews'],
      ['skipped-element', 'Set', 'Memos to read'],
      ['skipped-element', 'Graph', 'Concept map'],
      ['renamed', 'Set', 'Pressures'],
    ],
  );
  assert.match(warnings[1].message, /Set "Ward A interviews" holds 1 source\(s\), so it is not a theme/);
  assert.match(warnings[3].message, /Graph "Concept map" is not imported/);
});

test('a damaged themes graph (an edge to a non-theme, a second parent, a cycle) keeps what it can, with warnings', () => {
  const v = (n: number, set: number, shape = '') => `<Vertex guid="${G(n)}" representedGUID="${G(set)}" name="v" firstX="0" firstY="0"${shape ? ` shape="${shape}"` : ''}/>`;
  const e = (n: number, from: number, to: number) => `<Edge guid="${G(n)}" sourceVertex="${G(from)}" targetVertex="${G(to)}" direction="OneWay" name="subtheme"/>`;
  const { snapshot, warnings } = importQdpx(
    qdpx(`<Sets><Set guid="${G(10)}" name="A"/><Set guid="${G(11)}" name="B"/><Set guid="${G(12)}" name="C"/></Sets>
  <Graphs><Graph guid="${G(20)}" name="Staffwell themes">${v(30, 10, 'Rectangle')}${v(31, 11)}${v(32, 12)}${v(33, 1)}
  ${e(40, 30, 31)}${e(41, 31, 32)}${e(42, 30, 32)}${e(43, 32, 30)}${e(44, 30, 33)}</Graph></Graphs>`),
  );
  assert.deepEqual(snapshot.themes?.map((t) => [t.name, t.kind, snapshot.themes?.find((p) => p.id === t.parentId)?.name]), [
    ['A', 'superordinate', undefined],
    ['B', undefined, 'A'],
    ['C', undefined, 'B'],
  ]);
  assert.deepEqual(warnings.map((w) => w.element), ['Vertex', 'Edge', 'Edge', 'Edge']);
  assert.match(warnings[1].message, /second parent/);
  assert.match(warnings[2].message, /cycle/);
});

test('a grounded-theory model -> .qdpx -> a new project: same categories, codes, relationships, phases (not properties)', async () => {
  const a = await createProject(join(dir, 'gt-a.sqlite'), { actor, name: 'GT' });
  try {
    const id = async (cmd: Record<string, unknown>) => ((await a.apply(cmd as never, { actor })) as { id: string }).id;
    const stress = await id({ type: 'code.create', name: 'Stress' });
    const help = await id({ type: 'code.create', name: 'Help', parentId: stress });
    const demand = await id({ type: 'category.create', name: 'Demand', description: 'More than hands', codeIds: [stress] });
    const cope = await id({ type: 'category.create', name: 'Coping', codeIds: [help, stress] });
    const drift = await id({ type: 'category.create', name: 'Drift' });
    await a.apply({ type: 'category.addProperty', categoryId: demand, name: 'intensity', dimensionLow: 'low', dimensionHigh: 'high' }, { actor });
    await a.apply({ type: 'relationship.create', fromId: demand, toId: cope, relation: 'calls for', note: 'a note' }, { actor });
    await a.apply({ type: 'relationship.create', fromId: cope, toId: demand, relation: 'in phase' }, { actor });
    await a.apply({ type: 'memo.create', target: { kind: 'category', id: cope }, title: 'Coping', text: 'in vivo' }, { actor });
    await a.apply({ type: 'phase.create', name: 'First', categoryIds: [drift] }, { actor });
    await a.apply({ type: 'phase.create', name: 'Later', categoryIds: [cope, demand] }, { actor });
    const view = async (p: QualProject) => {
      const m = await groundedTheoryModel(p.store);
      const name = new Map(m.categories.map((c) => [c.id, c.name]));
      return {
        categories: m.categories.map((c) => ({ name: c.name, description: c.description, codes: c.codes })).sort((x, y) => x.name.localeCompare(y.name)),
        relationships: m.relationships.map((r) => `${name.get(r.from)} ${r.type} ${name.get(r.to)}`).sort(),
        phases: [...m.phases].sort((x, y) => x.position - y.position).map((p) => [p.name, p.categoryIds.map((c) => name.get(c))]),
      };
    };
    const want = await view(a);
    assert.deepEqual(want.phases, [['First', ['Drift']], ['Later', ['Coping', 'Demand']]]);
    const bytes = await qualExportQdpx(a);
    const r = await qualImportQdpx({ bytes, archiveName: 'gt.qdpx', path: join(dir, 'gt-b.sqlite'), actor });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([r.themes, r.categories], [0, 3]);
    const b = openProject(r.path);
    try {
      assert.deepEqual(await view(b), want);
      assert.deepEqual(await b.store.listThemes(), [], 'categories are not themes');
      assert.deepEqual((await b.store.listMemos()).map((m) => [m.title, m.target]), [['Coping', { kind: 'category', id: (await b.store.getCategoryByName('Coping'))!.id }]]);
      assert.deepEqual(await b.store.listProperties(), [], 'properties have no place in REFI-QDA');
    } finally {
      b.close();
    }
    const { unzipSync, strFromU8 } = await import('fflate');
    assert.deepEqual(await validateAgainst(strFromU8(unzipSync(bytes)['project.qde']), 'Project.xsd'), []);
  } finally {
    a.close();
  }
});

test('a damaged model graph (an unnamed relationship, a vertex representing nothing known, a repeated GUID) keeps what it can', () => {
  const { snapshot, warnings } = importQdpx(
    qdpx(`<Sets><Set guid="${G(10)}" name="A"><MemberCode targetGUID="${G(1)}"/></Set><Set guid="${G(11)}" name="B"/><Set guid="${G(12)}" name="Theme"/></Sets>
  <Graphs><Graph guid="${G(20)}" name="Staffwell grounded-theory model">
    <Vertex guid="${G(30)}" name="Phase 1" firstX="0" firstY="0"/>
    <Vertex guid="${G(31)}" representedGUID="${G(10)}" firstX="0" firstY="0"/>
    <Vertex guid="${G(32)}" representedGUID="${G(11)}" firstX="0" firstY="0"/>
    <Vertex guid="${G(33)}" representedGUID="${G(3)}" name="a source" firstX="0" firstY="0"/>
    <Edge guid="${G(40)}" name="in phase" sourceVertex="${G(30)}" targetVertex="${G(31)}"/>
    <Edge guid="${G(41)}" name="shapes" sourceVertex="${G(31)}" targetVertex="${G(32)}"/>
    <Edge guid="${G(41)}" name="again" sourceVertex="${G(32)}" targetVertex="${G(31)}"/>
    <Edge guid="${G(42)}" sourceVertex="${G(32)}" targetVertex="${G(31)}"/>
  </Graph></Graphs>`),
  );
  assert.deepEqual(snapshot.model, {
    categories: [
      { id: G(10), name: 'A', codeIds: [G(1)], properties: [] },
      { id: G(11), name: 'B', codeIds: [], properties: [] },
    ],
    relationships: [{ id: G(41), fromId: G(10), toId: G(11), type: 'shapes' }],
    phases: [{ id: G(30), name: 'Phase 1', categoryIds: [G(10)] }],
  });
  assert.deepEqual(snapshot.themes?.map((t) => t.name), ['Theme'], 'the Sets the model represents are not themes');
  assert.deepEqual(warnings.map((w) => w.element), ['Vertex', 'Edge', 'Edge']);
  assert.match(warnings[2].message, /has no name/);
});

test('snapshot.import of themes and a model is one undoable step (undo, redo give back each state exactly)', async () => {
  const { roundTrip } = await import('../qual/commands/command-helpers.ts');
  const { demoSnapshot } = await import('./demo-snapshot.ts');
  const p = await createProject(join(dir, 'undo.sqlite'), { actor, name: 'U' });
  try {
    const snap = importQdpx((await import('../../src/refi/index.ts')).exportQdpx(demoSnapshot())).snapshot;
    const session = p.as(actor);
    await roundTrip(session, { type: 'snapshot.import', snapshot: snap });
    assert.equal((await p.store.listThemes()).length, 5);
    assert.equal((await p.store.listPhases()).length, 3);
  } finally {
    p.close();
  }
});

test('an inconsistent snapshot (a theme before its parent, an unknown code, a relationship to an unknown category) is refused naming the field', async () => {
  const { demoSnapshot } = await import('./demo-snapshot.ts');
  const { exportQdpx } = await import('../../src/refi/index.ts');
  const { StaffwellError } = await import('../../src/errors.ts');
  const cases: Array<[(s: ReturnType<typeof demoSnapshot>) => void, RegExp]> = [
    [(s) => s.themes!.reverse(), /parent theme that does not come before it/],
    [(s) => s.themes![0].codeIds.push('nope'), /theme "Strain of the job" refers to an unknown code/],
    [(s) => (s.model!.relationships[0].toId = 'nope'), /relationship "leads to" refers to an unknown category/],
    [(s) => s.model!.phases[0].categoryIds.push('nope'), /phase "Conditions" refers to an unknown category/],
    [(s) => (s.memos.at(-1)!.target = { kind: 'category', id: 'nope' }), /unknown category/],
  ];
  for (const [spoil, re] of cases) {
    const s = demoSnapshot();
    spoil(s);
    assert.throws(() => exportQdpx(s), (e: unknown) => e instanceof StaffwellError && re.test(e.message) && /field "(themes|model|memos)[[.]/.test(e.message), String(re));
  }
});
