/**
 * REFI-QDA export of a `ProjectSnapshot` (the pseudonymised layer only — the snapshot holds nothing else):
 * `.qdpx` (zip of `project.qde` + `sources/<guid>.txt`) and `.qdc` (codebook XML).
 *
 * Mapping (Project.xsd v1.0, element order as in its xsd:sequence):
 *   users -> Users/User (guid, name, id);
 *   codes (hierarchy via parentId) -> CodeBook/Codes/Code (isCodable, color, Description, NoteRef for code memos);
 *   variables -> Variables/Variable (typeOfVariable);
 *   participants -> Cases/Case (Description, VariableValue, SourceRef);
 *   documents -> Sources/TextSource with plainTextPath "internal://<guid>.txt", one PlainTextSelection per coded
 *     segment (Coding -> CodeRef, creatingUser = coder), NoteRef for document memos, VariableValue for document
 *     attributes;
 *   memos -> Notes/Note (PlainTextContent) referenced by NoteRef from their target: Project (project memos), Code,
 *     TextSource, PlainTextSelection (segment memos). A segment's only memo, when untitled, is its selection's
 *     Description instead (NVivo's and QualCoder's coding memo), with its author and date as the selection's
 *     modifyingUser and modifiedDateTime. A Case cannot carry a NoteRef in the schema, so participant
 *     memos are joined to their Case with a Link (originGUID = case, targetGUID = note, direction "OneWay"), the way
 *     NVivo links annotations;
 *   themes -> Sets of codes, and their hierarchy -> the Graph "Staffwell themes"; the grounded-theory model ->
 *     a Set per category and the Graph "Staffwell grounded-theory model" (phases, relationships; see sets.ts);
 *     memos on a theme or category are Notes, members of its Set (MemberNote).
 * Not exported: speaker turns (REFI has no element for them in a TextSource), category properties and
 * relationship notes (no REFI element), and the project store's ids (GUIDs are
 * derived from them: UUIDv5 over a per-project namespace, so re-export is byte-identical).
 *
 * Positions are Unicode code points on the LF-normalised text written to the source file (see positions.ts).
 * Dates are ISO 8601 UTC (`2025-01-02T09:00:00Z`); unparseable dates are left out.
 */
import { zipSync, strToU8 } from 'fflate';
import { StaffwellError } from '../errors.ts';
import type {
  ProjectSnapshot,
  SnapshotCode,
  SnapshotMemo,
  SnapshotVariable,
  VariableType,
  VariableValue,
} from '../qual/snapshot.ts';
import { projectNamespace, uuidV5 } from './guid.ts';
import { normalizeLineEndings, offsetConverter } from './positions.ts';
import { modelNodes, themeNodes } from './sets.ts';
import { serialize, type XmlNode } from './xml.ts';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

export interface RefiExportOptions {
  /** How sources are shipped: plain-text files in `sources/` (the only mode so far). */
  sources?: 'plain-text';
  /** `origin` attribute (default "Staffwell"). */
  origin?: string;
  /** Key of the GUID namespace (default: the project name). Keep it stable to keep GUIDs stable. */
  projectKey?: string;
  /** Written as the project's creationDateTime / modifiedDateTime when given (left out otherwise). */
  exportedAt?: Date | string;
}

const TYPE_NAMES: Record<VariableType, string> = {
  text: 'Text',
  boolean: 'Boolean',
  integer: 'Integer',
  float: 'Float',
  date: 'Date',
  datetime: 'DateTime',
};

const RGB = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;

/** ISO 8601 UTC date-time without milliseconds when they are zero; undefined when not a date. */
export function xsdDateTime(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(value);
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  return d.toISOString().replace('.000Z', 'Z');
}

/** A finite number as an xsd:decimal literal (no exponent). */
export function decimalString(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expS] = m;
  const exp = Number(expS);
  const digits = int + frac;
  if (exp >= 0) {
    const pointAt = 1 + exp;
    return sign + (digits.length <= pointAt ? digits + '0'.repeat(pointAt - digits.length) : `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`);
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

interface Ids {
  ns: string;
  g(kind: string, id: string): string;
}

function ids(snapshot: ProjectSnapshot, options: RefiExportOptions): Ids {
  const ns = projectNamespace(options.projectKey ?? snapshot.name);
  return { ns, g: (kind, id) => uuidV5(ns, `${kind}:${id}`) };
}

function bad(field: string, problem: string, value: unknown): StaffwellError {
  return new StaffwellError('format', problem, {
    field,
    value,
    hint: 'The project snapshot is inconsistent; export it again from the project store',
  });
}

/**
 * Code tree: children by parent id (null = top level), in snapshot order; cycles and unknown parents rejected.
 * One pass over the parent chains (each code is visited once), so a deep hierarchy costs no more than a flat one.
 */
function codeTree(codes: ReadonlyArray<SnapshotCode>): Map<string | null, SnapshotCode[]> {
  const byId = new Map<string, SnapshotCode>();
  const index = new Map<string, number>();
  codes.forEach((c, i) => {
    if (byId.has(c.id)) throw bad(`codes[${i}].id`, 'duplicate code id', c.id);
    byId.set(c.id, c);
    index.set(c.id, i);
  });
  const kids = new Map<string | null, SnapshotCode[]>();
  const state = new Map<string, 1 | 2>(); // 1 = on the current chain, 2 = known to reach the top
  codes.forEach((c, i) => {
    const parent = c.parentId ?? null;
    if (parent !== null && !byId.has(parent)) throw bad(`codes[${i}].parentId`, 'refers to an unknown code', parent);
    const chain: string[] = [];
    for (let p: string | null = c.id; p !== null && state.get(p) !== 2; p = byId.get(p)!.parentId ?? null) {
      if (state.get(p) === 1) throw bad(`codes[${index.get(p)}].parentId`, 'code hierarchy has a cycle', p);
      state.set(p, 1);
      chain.push(p);
    }
    for (const p of chain) state.set(p, 2);
    const list = kids.get(parent) ?? [];
    list.push(c);
    kids.set(parent, list);
  });
  return kids;
}

/**
 * The Code elements of a tree, built without recursion (any depth): `extra` gives a code's children before its
 * subcodes (Description, NoteRef).
 */
function codeNodes(tree: Map<string | null, SnapshotCode[]>, id: Ids, extra: (c: SnapshotCode) => XmlNode[]): XmlNode[] {
  const node = (c: SnapshotCode): XmlNode => ({
    name: 'Code',
    attrs: [
      ['guid', id.g('code', c.id)],
      ['name', c.name],
      ['isCodable', c.codable === false ? 'false' : 'true'],
      ['color', c.color && RGB.test(c.color) ? c.color : undefined],
    ],
    children: extra(c),
  });
  const top = (tree.get(null) ?? []).map((c) => ({ c, n: node(c) }));
  const stack = [...top];
  while (stack.length > 0) {
    const { c, n } = stack.pop()!;
    for (const k of tree.get(c.id) ?? []) {
      const kn = node(k);
      n.children!.push(kn);
      stack.push({ c: k, n: kn });
    }
  }
  return top.map((t) => t.n);
}

function variableValueNode(
  variable: SnapshotVariable,
  value: VariableValue,
  varGuid: string,
  field: string,
): XmlNode | undefined {
  if (value === null || value === undefined) return undefined; // missing: no VariableValue (FloatValue '' is invalid)
  let tag: string;
  let text: string;
  switch (variable.type) {
    case 'text':
      tag = 'TextValue';
      text = String(value);
      break;
    case 'boolean': {
      tag = 'BooleanValue';
      const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
      if (v === true || v === 'true' || v === 1 || v === '1') text = 'true';
      else if (v === false || v === 'false' || v === 0 || v === '0') text = 'false';
      else throw bad(field, `value is not a boolean for variable "${variable.name}"`, value);
      break;
    }
    case 'integer': {
      tag = 'IntegerValue';
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (typeof value === 'boolean' || !Number.isInteger(n)) throw bad(field, `value is not an integer for variable "${variable.name}"`, value);
      text = decimalString(n);
      break;
    }
    case 'float': {
      tag = 'FloatValue';
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (typeof value === 'boolean' || (typeof value === 'string' && value.trim() === '')) throw bad(field, `value is not a number for variable "${variable.name}"`, value);
      if (Number.isNaN(n)) return undefined; // NaN = missing
      if (!Number.isFinite(n)) throw bad(field, `value is not a finite number for variable "${variable.name}"`, value);
      text = decimalString(n);
      break;
    }
    case 'date': {
      tag = 'DateValue';
      text = String(value).trim();
      if (!/^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/.test(text)) throw bad(field, `value is not a date (YYYY-MM-DD) for variable "${variable.name}"`, value);
      break;
    }
    case 'datetime': {
      tag = 'DateTimeValue';
      const t = xsdDateTime(String(value));
      if (t === undefined) throw bad(field, `value is not a date-time for variable "${variable.name}"`, value);
      text = t;
      break;
    }
    default:
      throw bad(field, 'unknown variable type', variable.type);
  }
  return { name: 'VariableValue', children: [{ name: 'VariableRef', attrs: [['targetGUID', varGuid]] }, { name: tag, text }] };
}

function variableValues(
  attributes: Readonly<Record<string, VariableValue>> | undefined,
  variables: ReadonlyArray<SnapshotVariable>,
  id: Ids,
  field: string,
): XmlNode[] {
  if (!attributes) return [];
  const known = new Set(variables.map((v) => v.id));
  for (const key of Object.keys(attributes)) {
    if (!known.has(key)) throw bad(`${field}.${key}`, 'refers to an unknown variable', key);
  }
  const out: XmlNode[] = [];
  for (const v of variables) {
    if (!(v.id in attributes)) continue;
    const node = variableValueNode(v, attributes[v.id], id.g('variable', v.id), `${field}.${v.id}`);
    if (node) out.push(node);
  }
  return out;
}

/** The project.qde XML and the source files of a snapshot (the contents of the .qdpx). */
export function buildQdpxEntries(
  snapshot: ProjectSnapshot,
  options: RefiExportOptions = {},
): { projectQde: string; sources: Array<{ path: string; text: string }> } {
  const id = ids(snapshot, options);
  const userGuid = new Map<string, string>();
  const users = [...snapshot.users];
  const userIds = new Set(users.map((u) => u.id));
  // Coders or authors missing from `users` are added (named by their id) so every creatingUser resolves.
  for (const refId of [
    ...snapshot.segments.map((s) => s.coderId),
    ...snapshot.memos.map((m) => m.authorId),
    ...snapshot.documents.map((d) => d.createdBy),
  ]) {
    if (refId !== undefined && refId !== null && refId !== '' && !userIds.has(refId)) {
      userIds.add(refId);
      users.push({ id: refId, name: refId });
    }
  }
  for (const u of users) userGuid.set(u.id, id.g('user', u.id));
  const user = (uid: string | undefined): string | undefined => (uid ? userGuid.get(uid) : undefined);

  // A segment's one untitled memo travels as its selection's Description (how NVivo and QualCoder carry a coding
  // memo), its author and date as the selection's modifyingUser and modifiedDateTime; other memos are Notes.
  const segmentMemos = new Map<string, SnapshotMemo[]>();
  for (const m of snapshot.memos) if (m.target.kind === 'segment') (segmentMemos.get(m.target.id) ?? segmentMemos.set(m.target.id, []).get(m.target.id)!).push(m);
  const descriptionMemo = new Map<string, SnapshotMemo>();
  for (const [sid, list] of segmentMemos) if (list.length === 1 && list[0].title === '') descriptionMemo.set(sid, list[0]);
  const asDescription = new Set([...descriptionMemo.values()].map((m) => m.id));
  const noteMemos = snapshot.memos.filter((m) => !asDescription.has(m.id));

  // Memo targets -> NoteRef lists.
  const noteRefs = new Map<string, string[]>(); // key kind:id -> note guids
  const projectNotes: string[] = [];
  const participantNotes: Array<{ caseGuid: string; noteGuid: string; memo: SnapshotMemo }> = [];
  const codeIds = new Set(snapshot.codes.map((c) => c.id));
  const docIds = new Set(snapshot.documents.map((d) => d.id));
  const segIds = new Set(snapshot.segments.map((s) => s.id));
  const partIds = new Set(snapshot.participants.map((p) => p.id));
  const themeIds = new Set((snapshot.themes ?? []).map((t) => t.id));
  const categoryIds = new Set((snapshot.model?.categories ?? []).map((c) => c.id));
  snapshot.memos.forEach((m, i) => {
    if (asDescription.has(m.id)) return;
    const noteGuid = id.g('memo', m.id);
    const t = m.target;
    if (t.kind === 'project') {
      projectNotes.push(noteGuid);
      return;
    }
    const exists =
      (t.kind === 'code' && codeIds.has(t.id)) ||
      (t.kind === 'document' && docIds.has(t.id)) ||
      (t.kind === 'segment' && segIds.has(t.id)) ||
      (t.kind === 'participant' && partIds.has(t.id)) ||
      (t.kind === 'theme' && themeIds.has(t.id)) ||
      (t.kind === 'category' && categoryIds.has(t.id));
    if (!exists) throw bad(`memos[${i}].target`, `refers to an unknown ${t.kind}`, t.id);
    if (t.kind === 'participant') {
      participantNotes.push({ caseGuid: id.g('participant', t.id), noteGuid, memo: m });
      return;
    }
    const key = `${t.kind}:${t.id}`;
    const list = noteRefs.get(key) ?? [];
    list.push(noteGuid);
    noteRefs.set(key, list);
  });
  const refsOf = (kind: string, oid: string): XmlNode[] =>
    (noteRefs.get(`${kind}:${oid}`) ?? []).map((g) => ({ name: 'NoteRef', attrs: [['targetGUID', g]] }));

  const children: XmlNode[] = [];
  if (users.length) {
    children.push({
      name: 'Users',
      children: users.map((u) => ({ name: 'User', attrs: [['guid', userGuid.get(u.id)], ['name', u.name], ['id', u.id]] })),
    });
  }

  const tree = codeTree(snapshot.codes);
  const topCodes = codeNodes(tree, id, (c) => [...(c.description ? [{ name: 'Description', text: c.description }] : []), ...refsOf('code', c.id)]);
  if (topCodes.length) children.push({ name: 'CodeBook', children: [{ name: 'Codes', children: topCodes }] });

  if (snapshot.variables.length) {
    children.push({
      name: 'Variables',
      children: snapshot.variables.map((v) => ({
        name: 'Variable',
        attrs: [
          ['guid', id.g('variable', v.id)],
          ['name', v.name],
          ['typeOfVariable', TYPE_NAMES[v.type]],
        ],
        children: v.description ? [{ name: 'Description', text: v.description }] : [],
      })),
    });
  }

  if (snapshot.participants.length) {
    children.push({
      name: 'Cases',
      children: snapshot.participants.map((p, i) => {
        const kids: XmlNode[] = [];
        if (p.description) kids.push({ name: 'Description', text: p.description });
        kids.push(...variableValues(p.attributes, snapshot.variables, id, `participants[${i}].attributes`));
        p.documentIds.forEach((d, k) => {
          if (!docIds.has(d)) throw bad(`participants[${i}].documentIds[${k}]`, 'refers to an unknown document', d);
          kids.push({ name: 'SourceRef', attrs: [['targetGUID', id.g('document', d)]] });
        });
        return { name: 'Case', attrs: [['guid', id.g('participant', p.id)], ['name', p.name]], children: kids };
      }),
    });
  }

  const segmentsByDoc = new Map<string, typeof snapshot.segments>();
  snapshot.segments.forEach((s, i) => {
    if (!docIds.has(s.documentId)) throw bad(`segments[${i}].documentId`, 'refers to an unknown document', s.documentId);
    if (!codeIds.has(s.codeId)) throw bad(`segments[${i}].codeId`, 'refers to an unknown code', s.codeId);
    const list = segmentsByDoc.get(s.documentId) ?? [];
    list.push(s);
    segmentsByDoc.set(s.documentId, list);
  });

  const sources: Array<{ path: string; text: string }> = [];
  if (snapshot.documents.length) {
    children.push({
      name: 'Sources',
      children: snapshot.documents.map((d, di) => {
        const guid = id.g('document', d.id);
        const norm = normalizeLineEndings(d.text);
        const conv = offsetConverter(norm.text);
        const pos = (u16: number) => conv.toCodePoint(norm.map[Math.max(0, Math.min(d.text.length, u16))]);
        sources.push({ path: `sources/${guid}.txt`, text: norm.text });
        const kids: XmlNode[] = [];
        if (d.description) kids.push({ name: 'Description', text: d.description });
        const segs = [...(segmentsByDoc.get(d.id) ?? [])].sort(
          (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
        for (const s of segs) {
          if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= d.text.length)) {
            throw bad(`segments[id=${s.id}]`, `offsets ${s.start}-${s.end} are outside document "${d.name}" (length ${d.text.length})`, s.id);
          }
          const created = xsdDateTime(s.createdAt);
          const memo = descriptionMemo.get(s.id);
          kids.push({
            name: 'PlainTextSelection',
            attrs: [
              ['guid', id.g('segment', s.id)],
              ['startPosition', String(pos(s.start))],
              ['endPosition', String(pos(s.end))],
              ['creatingUser', user(s.coderId)],
              ['creationDateTime', created],
              ['modifyingUser', memo ? user(memo.authorId) : undefined],
              ['modifiedDateTime', memo ? xsdDateTime(memo.createdAt) : undefined],
            ],
            children: [
              ...(memo ? [{ name: 'Description', text: normalizeLineEndings(memo.text).text }] : []),
              {
                name: 'Coding',
                attrs: [
                  ['guid', id.g('coding', s.id)],
                  ['creatingUser', user(s.coderId)],
                  ['creationDateTime', created],
                ],
                children: [{ name: 'CodeRef', attrs: [['targetGUID', id.g('code', s.codeId)]] }],
              },
              ...refsOf('segment', s.id),
            ],
          });
        }
        kids.push(...refsOf('document', d.id));
        kids.push(...variableValues(d.attributes, snapshot.variables, id, `documents[${di}].attributes`));
        return {
          name: 'TextSource',
          attrs: [
            ['guid', guid],
            ['name', d.name],
            ['plainTextPath', `internal://${guid}.txt`],
            ['creatingUser', user(d.createdBy)],
            ['creationDateTime', xsdDateTime(d.createdAt)],
          ],
          children: kids,
        };
      }),
    });
  }

  if (noteMemos.length) {
    children.push({
      name: 'Notes',
      children: noteMemos.map((m) => ({
        name: 'Note',
        attrs: [
          ['guid', id.g('memo', m.id)],
          ['name', m.title],
          ['creatingUser', user(m.authorId)],
          ['creationDateTime', xsdDateTime(m.createdAt)],
        ],
        children: [{ name: 'PlainTextContent', text: normalizeLineEndings(m.text).text }],
      })),
    });
  }
  if (participantNotes.length) {
    children.push({
      name: 'Links',
      children: participantNotes.map(({ caseGuid, noteGuid, memo }) => ({
        name: 'Link',
        attrs: [
          ['guid', id.g('memo-link', memo.id)],
          ['name', 'memo'],
          ['direction', 'OneWay'],
          ['originGUID', caseGuid],
          ['targetGUID', noteGuid],
        ],
      })),
    });
  }
  const themes = snapshot.themes ?? [];
  const placedThemes = new Set<string>();
  themes.forEach((t, i) => {
    t.codeIds.forEach((c, k) => {
      if (!codeIds.has(c)) throw bad(`themes[${i}].codeIds[${k}]`, `theme "${t.name}" refers to an unknown code`, c);
    });
    if (t.parentId && !placedThemes.has(t.parentId)) {
      throw bad(`themes[${i}].parentId`, `theme "${t.name}" refers to a parent theme that does not come before it`, t.parentId);
    }
    if (placedThemes.has(t.id)) throw bad(`themes[${i}].id`, 'duplicate theme id', t.id);
    placedThemes.add(t.id);
  });
  const model = snapshot.model;
  if (model) {
    model.categories.forEach((c, i) =>
      c.codeIds.forEach((k, j) => {
        if (!codeIds.has(k)) throw bad(`model.categories[${i}].codeIds[${j}]`, `category "${c.name}" refers to an unknown code`, k);
      }),
    );
    model.relationships.forEach((r, i) => {
      for (const end of [r.fromId, r.toId]) if (!categoryIds.has(end)) throw bad(`model.relationships[${i}]`, `relationship "${r.type}" refers to an unknown category`, end);
    });
    model.phases.forEach((p, i) =>
      p.categoryIds.forEach((c, j) => {
        if (!categoryIds.has(c)) throw bad(`model.phases[${i}].categoryIds[${j}]`, `phase "${p.name}" refers to an unknown category`, c);
      }),
    );
  }
  const memberNotes = (kind: string) => (oid: string): XmlNode[] =>
    (noteRefs.get(`${kind}:${oid}`) ?? []).map((g) => ({ name: 'MemberNote', attrs: [['targetGUID', g]] }));
  const themeOut = themeNodes(themes, id.g, (c) => id.g('code', c), memberNotes('theme'));
  const modelOut = modelNodes(model, id.g, (c) => id.g('code', c), memberNotes('category'));
  const sets = [...themeOut.sets, ...modelOut.sets];
  const graphs = [themeOut.graph, modelOut.graph].filter((g): g is XmlNode => g !== undefined);
  if (sets.length) children.push({ name: 'Sets', children: sets });
  if (graphs.length) children.push({ name: 'Graphs', children: graphs });
  if (snapshot.description) children.push({ name: 'Description', text: snapshot.description });
  for (const g of projectNotes) children.push({ name: 'NoteRef', attrs: [['targetGUID', g]] });

  const at = xsdDateTime(options.exportedAt);
  const root: XmlNode = {
    name: 'Project',
    attrs: [
      ['xmlns', PROJECT_NS],
      ['name', snapshot.name],
      ['origin', options.origin ?? 'Staffwell'],
      ['creationDateTime', at],
      ['modifiedDateTime', at],
    ],
    children,
  };
  return { projectQde: serialize(root), sources };
}

/** Fixed zip timestamp (local 1980-01-01 00:00, the DOS epoch) so archives do not depend on the clock or zone. */
const ZIP_MTIME = () => new Date(1980, 0, 1, 0, 0, 0);

/** A `.qdpx` archive: `project.qde` then `sources/<guid>.txt` (UTF-8, LF, no BOM). Deterministic bytes. */
export function exportQdpx(snapshot: ProjectSnapshot, options: RefiExportOptions = {}): Uint8Array {
  if (options.sources !== undefined && options.sources !== 'plain-text') {
    throw new StaffwellError('invalid-option', 'unsupported sources mode', {
      field: 'sources',
      value: options.sources,
      hint: 'Use sources: "plain-text"',
    });
  }
  const { projectQde, sources } = buildQdpxEntries(snapshot, options);
  const mtime = ZIP_MTIME();
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { 'project.qde': [strToU8(projectQde), { mtime }] };
  for (const s of sources) files[s.path] = [strToU8(s.text), { mtime }];
  return zipSync(files, { level: 6 });
}

/** A `.qdc` codebook (Codebook.xsd v1.0): codes with hierarchy, isCodable, color and Description. */
export function exportQdc(snapshot: Pick<ProjectSnapshot, 'name' | 'codes'>, options: Omit<RefiExportOptions, 'sources' | 'exportedAt'> = {}): string {
  const id = ids(snapshot as ProjectSnapshot, options);
  const top = codeNodes(codeTree(snapshot.codes), id, (c) => (c.description ? [{ name: 'Description', text: c.description }] : []));
  if (top.length === 0) {
    throw new StaffwellError('format', 'the codebook has no codes', {
      field: 'codes',
      hint: 'A REFI-QDA codebook needs at least one code; add codes before exporting the codebook',
    });
  }
  return serialize({
    name: 'CodeBook',
    attrs: [
      ['xmlns', CODEBOOK_NS],
      ['origin', options.origin ?? 'Staffwell'],
    ],
    children: [{ name: 'Codes', children: top }],
  });
}
