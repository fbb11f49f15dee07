/**
 * Themes in REFI-QDA: each theme is a `Set` of codes, and the theme hierarchy is one `Graph` named
 * "Staffwell themes" (Project.xsd has no nesting of Sets).
 *
 *   theme -> Set (guid, name, Description = the theme's description, one MemberCode per linked code);
 *   hierarchy -> Graph "Staffwell themes": one Vertex per theme (representedGUID = its Set, name = its name, shape =
 *     its kind: superordinate Rectangle, theme RoundedRectangle, subtheme Oval; a left-to-right tree layout: x by
 *     depth, y by place in hierarchy order) and one Edge per parent -> child (direction OneWay, name "subtheme").
 *   order -> the order of the Sets (hierarchy order: a parent before its children, siblings in order).
 *
 * Reading: a Set whose members are only codes is a theme; a Set with sources or notes (how NVivo keeps source sets)
 * is not, and is named in a warning. The "Staffwell themes" graph, when present, restores parents and kinds; any
 * other Graph is named in a warning. Pure functions: XML nodes in, snapshot data and warnings out.
 */
import type { SnapshotTheme, SnapshotThemeKind } from '../qual/snapshot.ts';
import type { RefiImportWarning } from './import.ts';
import { normalizeGuid } from './guid.ts';
import { attr, child, children, textOf, type XmlElement, type XmlNode } from './xml.ts';

export const THEMES_GRAPH = 'Staffwell themes';
export const SUBTHEME_EDGE = 'subtheme';

const SHAPE: Record<SnapshotThemeKind, string> = { superordinate: 'Rectangle', theme: 'RoundedRectangle', subtheme: 'Oval' };
const KIND_OF_SHAPE = new Map(Object.entries(SHAPE).map(([k, v]) => [v, k as SnapshotThemeKind]));

/** Layout of the themes graph (REFI coordinates are integers; y grows downwards as in NVivo's maps). */
const BOX = { width: 180, height: 50, dx: 240, dy: 80 };

/** The Sets and the themes Graph of a snapshot's themes (empty when there are none). `guid(kind, id)` names objects. */
export function themeNodes(
  themes: ReadonlyArray<SnapshotTheme>,
  guid: (kind: string, id: string) => string,
  codeGuid: (codeId: string) => string,
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

/**
 * Themes from the `Sets` (and the "Staffwell themes" `Graph`) of a project or codebook. `memberAttr` is the
 * attribute of MemberCode that names the code: `targetGUID` in Project.xsd, `guid` in Codebook.xsd (either is read).
 * Codes not in `codeIds` are dropped from a theme with a warning; sibling themes with one name are renamed
 * `name (2)`... with a warning. Returns themes in hierarchy order.
 */
export function readThemes(
  setsEl: XmlElement | undefined,
  graphsEl: XmlElement | undefined,
  codeIds: ReadonlySet<string>,
  warnings: RefiImportWarning[],
): SnapshotTheme[] {
  const themes: SnapshotTheme[] = [];
  const byGuid = new Map<string, SnapshotTheme>();
  for (const s of children(setsEl, 'Set')) {
    const g = normalizeGuid(attr(s, 'guid'));
    const name = attr(s, 'name') ?? '';
    if (!g) continue; // the GUID registry of the caller has already refused a Set without a valid GUID
    const sources = children(s, 'MemberSource').length;
    const notes = children(s, 'MemberNote').length;
    if (sources > 0 || notes > 0) {
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
    const theme: SnapshotTheme = { id: g, name: name.trim() === '' ? 'Unnamed theme' : name, parentId: null, codeIds: codes };
    const description = textOf(child(s, 'Description'));
    if (description) theme.description = description;
    themes.push(theme);
    byGuid.set(g, theme);
  }
  for (const graph of children(graphsEl, 'Graph')) {
    const gname = attr(graph, 'name') ?? '';
    if (gname !== THEMES_GRAPH) {
      warnings.push({ kind: 'skipped-element', element: 'Graph', guid: normalizeGuid(attr(graph, 'guid')), name: gname, message: `Graph "${gname || attr(graph, 'guid')}" is not imported (only the "${THEMES_GRAPH}" graph is read)` });
      continue;
    }
    readThemesGraph(graph, byGuid, warnings);
  }
  return hierarchyOrder(themes, warnings);
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
