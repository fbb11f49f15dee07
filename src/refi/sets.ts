/**
 * Themes in REFI-QDA: each theme is a `Set` of codes, and the theme hierarchy is one `Graph` named
 * "Staffwell themes" (Project.xsd has no nesting of Sets).
 *
 *   theme -> Set (guid, name, Description = the theme's description, one MemberCode per linked code);
 *   hierarchy -> Graph "Staffwell themes": one Vertex per theme (representedGUID = its Set, name = its name, shape =
 *     its kind: superordinate Rectangle, theme RoundedRectangle, subtheme Oval; a left-to-right tree layout: x by
 *     depth, y by place in hierarchy order) and one Edge per parent -> child (direction OneWay, name "subtheme").
 *   order -> the order of the Sets (hierarchy order: a parent before its children, siblings in order).
 * The grounded-theory model, in the same way:
 *   category -> Set (name, Description, MemberCode per linked code);
 *   model -> Graph "Staffwell grounded-theory model": a Vertex per category (representedGUID = its Set, shape
 *     RoundedRectangle), a Vertex per phase (no representedGUID, shape Note, name = the phase's name), an Edge
 *     "in phase" from a phase to each of its categories (in order), and an Edge per relationship from category to
 *     category, named by its type (direction OneWay). Layout: a column per phase, categories below their first phase.
 *   Not in REFI-QDA (not exported): category properties and their dimensions, relationship notes.
 *
 * Reading: a Set whose members are only codes is a theme; a Set with sources or notes (how NVivo keeps source sets)
 * is not, and is named in a warning. The "Staffwell themes" graph, when present, restores parents and kinds; the
 * Sets the model graph represents are categories, not themes; any other Graph is named in a warning. Pure functions: XML nodes in, snapshot data and warnings out.
 */
import type { MemoTarget, SnapshotModel, SnapshotTheme, SnapshotThemeKind } from '../qual/snapshot.ts';
import type { RefiImportWarning } from './import.ts';
import { normalizeGuid } from './guid.ts';
import { attr, child, children, textOf, type XmlElement, type XmlNode } from './xml.ts';

export const THEMES_GRAPH = 'Staffwell themes';
export const SUBTHEME_EDGE = 'subtheme';
export const MODEL_GRAPH = 'Staffwell grounded-theory model';
export const PHASE_EDGE = 'in phase';

const SHAPE: Record<SnapshotThemeKind, string> = { superordinate: 'Rectangle', theme: 'RoundedRectangle', subtheme: 'Oval' };
const KIND_OF_SHAPE = new Map(Object.entries(SHAPE).map(([k, v]) => [v, k as SnapshotThemeKind]));

/** Layout of the themes graph (REFI coordinates are integers; y grows downwards as in NVivo's maps). */
const BOX = { width: 180, height: 50, dx: 240, dy: 80 };

/** The Sets and the themes Graph of a snapshot's themes (empty when there are none). `guid(kind, id)` names objects. */
export function themeNodes(
  themes: ReadonlyArray<SnapshotTheme>,
  guid: (kind: string, id: string) => string,
  codeGuid: (codeId: string) => string,
  notes: (themeId: string) => XmlNode[] = () => [],
): { sets: XmlNode[]; graph?: XmlNode } {
  if (themes.length === 0) return { sets: [] };
  const depth = new Map<string, number>();
  for (const t of themes) depth.set(t.id, t.parentId ? (depth.get(t.parentId) ?? 0) + 1 : 0);
  const sets: XmlNode[] = themes.map((t) => ({
    name: 'Set',
    attrs: [
      ['guid', guid('theme', t.id)],
      ['name', t.name],
    ],
    children: [
      ...(t.description ? [{ name: 'Description', text: t.description }] : []),
      ...t.codeIds.map((c): XmlNode => ({ name: 'MemberCode', attrs: [['targetGUID', codeGuid(c)]] })),
      ...notes(t.id),
    ],
  }));
  const kindOf = new Map<string, SnapshotThemeKind>();
  const vertices: XmlNode[] = themes.map((t, i) => {
    const parentKind = t.parentId ? kindOf.get(t.parentId) : undefined;
    const kind = t.kind ?? (!t.parentId || parentKind === 'superordinate' ? 'theme' : 'subtheme');
    kindOf.set(t.id, kind);
    const x = (depth.get(t.id) ?? 0) * BOX.dx;
    const y = i * BOX.dy;
    return {
      name: 'Vertex',
      attrs: [
        ['guid', guid('theme-vertex', t.id)],
        ['representedGUID', guid('theme', t.id)],
        ['name', t.name],
        ['firstX', String(x)],
        ['firstY', String(y)],
        ['secondX', String(x + BOX.width)],
        ['secondY', String(y + BOX.height)],
        ['shape', SHAPE[kind]],
      ],
    };
  });
  const edges: XmlNode[] = themes
    .filter((t) => t.parentId)
    .map((t) => ({
      name: 'Edge',
      attrs: [
        ['guid', guid('theme-edge', t.id)],
        ['name', SUBTHEME_EDGE],
        ['sourceVertex', guid('theme-vertex', t.parentId!)],
        ['targetVertex', guid('theme-vertex', t.id)],
        ['direction', 'OneWay'],
      ],
    }));
  return { sets, graph: { name: 'Graph', attrs: [['guid', guid('graph', 'themes')], ['name', THEMES_GRAPH]], children: [...vertices, ...edges] } };
}

/** A Set of codes as read: what a theme or a category is made of. */
interface CodeSet {
  id: string;
  name: string;
  description?: string;
  codeIds: string[];
  /** Notes the Set holds (memos on a Staffwell theme or category). */
  noteIds: string[];
}

/**
 * Themes (and the grounded-theory model) from the `Sets` and `Graphs` of a project or codebook. MemberCode names
 * its code by `targetGUID` (Project.xsd) or `guid` (Codebook.xsd); either is read. Codes not in `codeIds` are
 * dropped with a warning; sibling themes (or categories, or phases) with one name are renamed `name (2)`... with a
 * warning. Themes come in hierarchy order.
 */
export function readSetsAndGraphs(
  setsEl: XmlElement | undefined,
  graphsEl: XmlElement | undefined,
  codeIds: ReadonlySet<string>,
  warnings: RefiImportWarning[],
): { themes: SnapshotTheme[]; model?: SnapshotModel; notes: Array<{ noteId: string; target: MemoTarget }> } {
  const graphs = children(graphsEl, 'Graph');
  // Sets a Staffwell graph represents are Staffwell's themes and categories: the notes they hold are their memos
  const ours = new Set<string>();
  for (const g of graphs) {
    if (attr(g, 'name') !== THEMES_GRAPH && attr(g, 'name') !== MODEL_GRAPH) continue;
    for (const v of children(g, 'Vertex')) ours.add(normalizeGuid(attr(v, 'representedGUID')) ?? '');
  }
  const sets = new Map<string, CodeSet>();
  for (const s of children(setsEl, 'Set')) {
    const g = normalizeGuid(attr(s, 'guid'));
    const name = attr(s, 'name') ?? '';
    if (!g) continue; // the caller's GUID registry has already refused a Set without a valid GUID
    const sources = children(s, 'MemberSource').length;
    const notes = children(s, 'MemberNote').length;
    if (sources > 0 || (notes > 0 && !ours.has(g))) {
      const what = [sources ? `${sources} source(s)` : '', notes ? `${notes} note(s)` : ''].filter(Boolean).join(' and ');
      warnings.push({ kind: 'skipped-element', element: 'Set', guid: g, name, message: `Set "${name}" holds ${what}, so it is not a theme; it is not imported` });
      continue;
    }
    const codes: string[] = [];
    for (const m of children(s, 'MemberCode')) {
      const c = normalizeGuid(attr(m, 'targetGUID') ?? attr(m, 'guid'));
      if (c && codeIds.has(c)) {
        if (!codes.includes(c)) codes.push(c);
      } else {
        warnings.push({ kind: 'unresolved-reference', element: 'MemberCode', guid: c ?? attr(m, 'targetGUID') ?? attr(m, 'guid'), name, message: `Set "${name}" names code "${c ?? ''}", which is not in the file; the code is left out of the theme` });
      }
    }
    const noteIds = children(s, 'MemberNote').map((m) => normalizeGuid(attr(m, 'targetGUID'))).filter((n): n is string => n !== undefined);
    const set: CodeSet = { id: g, name: name.trim() === '' ? 'Unnamed theme' : name, codeIds: codes, noteIds };
    const description = textOf(child(s, 'Description'));
    if (description) set.description = description;
    sets.set(g, set);
  }
  const modelGraph = graphs.find((g) => attr(g, 'name') === MODEL_GRAPH);
  const categoryNotes = new Map([...sets.values()].map((x) => [x.id, x.noteIds]));
  const model = modelGraph ? readModelGraph(modelGraph, sets, warnings) : undefined;
  const themes: SnapshotTheme[] = [];
  const byGuid = new Map<string, SnapshotTheme>();
  const notes: Array<{ noteId: string; target: MemoTarget }> = [];
  for (const c of model?.categories ?? []) for (const n of categoryNotes.get(c.id) ?? []) notes.push({ noteId: n, target: { kind: 'category', id: c.id } });
  for (const { noteIds, ...set } of sets.values()) {
    for (const n of noteIds) notes.push({ noteId: n, target: { kind: 'theme', id: set.id } });
    const theme: SnapshotTheme = { ...set, parentId: null };
    themes.push(theme);
    byGuid.set(set.id, theme);
  }
  for (const graph of graphs) {
    const gname = attr(graph, 'name') ?? '';
    if (graph === modelGraph) continue;
    if (gname !== THEMES_GRAPH) {
      warnings.push({ kind: 'skipped-element', element: 'Graph', guid: normalizeGuid(attr(graph, 'guid')), name: gname, message: `Graph "${gname || attr(graph, 'guid')}" is not imported (only the "${THEMES_GRAPH}" and "${MODEL_GRAPH}" graphs are read)` });
      continue;
    }
    readThemesGraph(graph, byGuid, warnings);
  }
  return { themes: hierarchyOrder(themes, warnings), ...(model ? { model } : {}), notes };
}

/**
 * The model graph: categories (the Sets its vertices represent, taken out of `sets`), phases (vertices that
 * represent nothing), phase membership and relationships (edges).
 */
function readModelGraph(graph: XmlElement, sets: Map<string, CodeSet>, warnings: RefiImportWarning[]): SnapshotModel {
  const model: SnapshotModel = { categories: [], relationships: [], phases: [] };
  const categoryOf = new Map<string, SnapshotModel['categories'][number]>();
  const phaseOf = new Map<string, SnapshotModel['phases'][number]>();
  const categoryNames = new Set<string>();
  const phaseNames = new Set<string>();
  const unique = (name: string, taken: Set<string>, element: string, guid: string | undefined): string => {
    let out = name;
    for (let k = 2; taken.has(out); k++) out = `${name} (${k})`;
    taken.add(out);
    if (out !== name) warnings.push({ kind: 'renamed', element, guid, name, message: `two ${element === 'Set' ? 'categories' : 'phases'} of the model are named "${name}"; the second is imported as "${out}"` });
    return out;
  };
  const seen = new Set<string>();
  const once = (g: string | undefined, element: string): g is string => {
    if (g && !seen.has(g)) return seen.add(g), true;
    warnings.push({ kind: 'skipped-element', element, guid: g, message: `a ${element} of the "${MODEL_GRAPH}" graph has ${g ? `the GUID "${g}" of another` : 'no valid GUID'}; ignored` });
    return false;
  };
  for (const v of children(graph, 'Vertex')) {
    const vg = normalizeGuid(attr(v, 'guid'));
    if (!once(vg, 'Vertex')) continue;
    const represented = attr(v, 'representedGUID');
    if (represented === undefined) {
      const phase = { id: vg, name: unique(attr(v, 'name') || 'Phase', phaseNames, 'Vertex', vg), categoryIds: [] };
      model.phases.push(phase);
      phaseOf.set(vg, phase);
      continue;
    }
    const set = sets.get(normalizeGuid(represented) ?? '');
    if (!set) {
      warnings.push({ kind: 'unresolved-reference', element: 'Vertex', guid: vg, name: attr(v, 'name'), message: `a vertex of the "${MODEL_GRAPH}" graph ("${attr(v, 'name') ?? ''}") does not represent a Set of codes; ignored` });
      continue;
    }
    sets.delete(set.id);
    const category = { id: set.id, name: unique(set.name, categoryNames, 'Set', set.id), codeIds: set.codeIds, properties: [], ...(set.description ? { description: set.description } : {}) };
    model.categories.push(category);
    categoryOf.set(vg, category);
  }
  for (const e of children(graph, 'Edge')) {
    const eg = normalizeGuid(attr(e, 'guid'));
    if (!once(eg, 'Edge')) continue;
    const from = normalizeGuid(attr(e, 'sourceVertex')) ?? '';
    const to = categoryOf.get(normalizeGuid(attr(e, 'targetVertex')) ?? '');
    const phase = phaseOf.get(from);
    const source = categoryOf.get(from);
    const type = (attr(e, 'name') ?? '').trim();
    if (phase && to) {
      if (!phase.categoryIds.includes(to.id)) phase.categoryIds.push(to.id);
    } else if (source && to && type !== '') {
      model.relationships.push({ id: eg, fromId: source.id, toId: to.id, type });
    } else {
      warnings.push({ kind: 'unresolved-reference', element: 'Edge', guid: eg, name: type, message: `an edge of the "${MODEL_GRAPH}" graph ${type === '' && source && to ? 'has no name (the relationship type)' : 'does not join a phase or category to a category'}; ignored` });
    }
  }
  return model;
}

/** Parents (edges parent -> child) and kinds (vertex shapes) from the themes graph. */
function readThemesGraph(graph: XmlElement, byGuid: Map<string, SnapshotTheme>, warnings: RefiImportWarning[]): void {
  const themeOfVertex = new Map<string, SnapshotTheme>();
  for (const v of children(graph, 'Vertex')) {
    const vg = normalizeGuid(attr(v, 'guid'));
    const t = byGuid.get(normalizeGuid(attr(v, 'representedGUID')) ?? '');
    if (!vg || !t) {
      warnings.push({ kind: 'unresolved-reference', element: 'Vertex', guid: vg, name: attr(v, 'name'), message: `a vertex of the "${THEMES_GRAPH}" graph ("${attr(v, 'name') ?? ''}") does not represent a theme Set; ignored` });
      continue;
    }
    themeOfVertex.set(vg, t);
    const kind = KIND_OF_SHAPE.get(attr(v, 'shape') ?? '');
    if (kind) t.kind = kind;
  }
  const parentOf = new Map<string, string>();
  for (const e of children(graph, 'Edge')) {
    const from = themeOfVertex.get(normalizeGuid(attr(e, 'sourceVertex')) ?? '');
    const to = themeOfVertex.get(normalizeGuid(attr(e, 'targetVertex')) ?? '');
    const eg = normalizeGuid(attr(e, 'guid'));
    if (!from || !to || from === to) {
      warnings.push({ kind: 'unresolved-reference', element: 'Edge', guid: eg, message: `an edge of the "${THEMES_GRAPH}" graph does not join two themes; ignored` });
      continue;
    }
    if (parentOf.has(to.id)) {
      warnings.push({ kind: 'skipped-element', element: 'Edge', guid: eg, name: to.name, message: `theme "${to.name}" has a second parent in the "${THEMES_GRAPH}" graph ("${from.name}"); kept under the first` });
      continue;
    }
    let cycle = false;
    for (let p: string | undefined = from.id; p !== undefined; p = parentOf.get(p)) if (p === to.id) cycle = true;
    if (cycle) {
      warnings.push({ kind: 'skipped-element', element: 'Edge', guid: eg, name: to.name, message: `the edge from theme "${from.name}" to "${to.name}" would make a cycle; ignored` });
      continue;
    }
    parentOf.set(to.id, from.id);
  }
  for (const [child, parent] of parentOf) byGuid.get(child)!.parentId = parent;
}

/** Themes reordered so parents come first (siblings keep their order), sibling names made unique. */
function hierarchyOrder(themes: SnapshotTheme[], warnings: RefiImportWarning[]): SnapshotTheme[] {
  const kids = new Map<string | null, SnapshotTheme[]>();
  for (const t of themes) (kids.get(t.parentId ?? null) ?? kids.set(t.parentId ?? null, []).get(t.parentId ?? null)!).push(t);
  const out: SnapshotTheme[] = [];
  const stack = [...(kids.get(null) ?? [])].reverse();
  const taken = new Map<string | null, Set<string>>();
  while (stack.length > 0) {
    const t = stack.pop()!;
    const level = taken.get(t.parentId ?? null) ?? taken.set(t.parentId ?? null, new Set()).get(t.parentId ?? null)!;
    let name = t.name;
    for (let k = 2; level.has(name); k++) name = `${t.name} (${k})`;
    level.add(name);
    if (name !== t.name) {
      warnings.push({ kind: 'renamed', element: 'Set', guid: t.id, name: t.name, message: `two themes at one level are named "${t.name}"; the second is imported as "${name}"` });
      t.name = name;
    }
    out.push(t);
    stack.push(...[...(kids.get(t.id) ?? [])].reverse());
  }
  return out;
}

/** The category Sets and the model Graph of a snapshot's grounded-theory model (nothing when it has no category or phase). */
export function modelNodes(
  model: SnapshotModel | undefined,
  guid: (kind: string, id: string) => string,
  codeGuid: (codeId: string) => string,
  notes: (categoryId: string) => XmlNode[] = () => [],
): { sets: XmlNode[]; graph?: XmlNode } {
  if (!model || (model.categories.length === 0 && model.phases.length === 0)) return { sets: [] };
  const sets: XmlNode[] = model.categories.map((c) => ({
    name: 'Set',
    attrs: [
      ['guid', guid('category', c.id)],
      ['name', c.name],
    ],
    children: [
      ...(c.description ? [{ name: 'Description', text: c.description }] : []),
      ...c.codeIds.map((id): XmlNode => ({ name: 'MemberCode', attrs: [['targetGUID', codeGuid(id)]] })),
      ...notes(c.id),
    ],
  }));
  // layout: a column per phase (phase vertex on top), each category below the first phase that holds it; the rest
  // in a column after the phases
  const column = new Map<string, number>();
  model.phases.forEach((p, i) => p.categoryIds.forEach((c) => column.has(c) || column.set(c, i)));
  const rows = new Map<number, number>();
  const box = (x: number, y: number): Array<[string, string]> => [
    ['firstX', String(x)],
    ['firstY', String(y)],
    ['secondX', String(x + BOX.width)],
    ['secondY', String(y + BOX.height)],
  ];
  const vertices: XmlNode[] = [
    ...model.phases.map((p, i): XmlNode => ({ name: 'Vertex', attrs: [['guid', guid('phase-vertex', p.id)], ['name', p.name], ...box(i * BOX.dx, 0), ['shape', 'Note']] })),
    ...model.categories.map((c): XmlNode => {
      const col = column.get(c.id) ?? model.phases.length;
      const row = (rows.get(col) ?? 0) + 1;
      rows.set(col, row);
      return {
        name: 'Vertex',
        attrs: [['guid', guid('category-vertex', c.id)], ['representedGUID', guid('category', c.id)], ['name', c.name], ...box(col * BOX.dx, row * BOX.dy), ['shape', 'RoundedRectangle']],
      };
    }),
  ];
  const edge = (g: string, name: string, from: string, to: string): XmlNode => ({
    name: 'Edge',
    attrs: [['guid', g], ['name', name], ['sourceVertex', from], ['targetVertex', to], ['direction', 'OneWay']],
  });
  const edges: XmlNode[] = [
    ...model.phases.flatMap((p) => p.categoryIds.map((c) => edge(guid('phase-edge', `${p.id}:${c}`), PHASE_EDGE, guid('phase-vertex', p.id), guid('category-vertex', c)))),
    ...model.relationships.map((r) => edge(guid('relationship', r.id), r.type, guid('category-vertex', r.fromId), guid('category-vertex', r.toId))),
  ];
  return { sets, graph: { name: 'Graph', attrs: [['guid', guid('graph', 'model')], ['name', MODEL_GRAPH]], children: [...vertices, ...edges] } };
}
