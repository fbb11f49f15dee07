/**
 * REFI-QDA import: `.qdpx` -> `ProjectSnapshot` (plus warnings), `.qdc` -> codes.
 *
 * Read: Users; the code hierarchy (isCodable, color, Description); Variables; Cases with VariableValue and
 * SourceRef (an unnamed Case with one SourceRef, as MAXQDA and Quirkos write document variables, becomes that
 * document's attributes); TextSources with PlainTextContent or plainTextPath (`internal://`, `relative://`,
 * `absolute://` or a bare relative path, looked up in the zip's `sources/` folder in any letter case, then anywhere
 * in the zip by path and by file name); PlainTextSelection -> one segment per Coding (whole-source Coding -> a
 * segment over the whole text); creatingUser -> users; Notes -> memos with the target that references them (Project,
 * Code, TextSource, PlainTextSelection, Coding, or a Link from a Case / selection / source / code to the Note).
 *
 * Offsets: positions are read as code points (option `positionUnit`), a leading BOM is stripped, and the text is
 * normalised to LF. If a source carried CRLF, positions are taken as counted on the text as stored (CRLF = 2), unless
 * the project comes from ATLAS.ti, which counts LF-normalised text (option `lineEndings` overrides; a warning says
 * which was used).
 *
 * Sets of codes are themes, their hierarchy read from the "Staffwell themes" Graph; the Sets and phases of the
 * "Staffwell grounded-theory model" Graph are the model (sets.ts). Sets of sources or notes, other Graphs, sources
 * that are not text (PDFSource, PictureSource, AudioSource, VideoSource) and selections without a Coding are listed
 * in `warnings`, never dropped silently. Malformed input throws StaffwellError('format') naming the zip entry and the
 * element/attribute.
 */
import { StaffwellError } from '../errors.ts';
import { ZipArchive } from '../io/zip-reader.ts';
import type {
  MemoTarget,
  ProjectSnapshot,
  SnapshotCode,
  SnapshotDocument,
  SnapshotMemo,
  SnapshotParticipant,
  SnapshotSegment,
  SnapshotTheme,
  SnapshotUser,
  SnapshotVariable,
  VariableType,
  VariableValue,
} from '../qual/snapshot.ts';
import { normalizeGuid, STAFFWELL_REFI_NAMESPACE, uuidV5 } from './guid.ts';
import { normalizeLineEndings, offsetConverter } from './positions.ts';
import { readSetsAndGraphs } from './sets.ts';
import { attr, child, children, parseXml, textOf, type XmlElement } from './xml.ts';

export interface RefiImportOptions {
  /** Unit of startPosition/endPosition: Unicode code points (default) or UTF-16 code units. */
  positionUnit?: 'codepoint' | 'utf16';
  /**
   * For sources stored with CRLF: 'auto' (default: 'normalized' for ATLAS.ti projects, 'as-stored' otherwise),
   * 'as-stored' (positions count CR and LF), 'normalized' (positions count the LF-normalised text).
   */
  lineEndings?: 'auto' | 'as-stored' | 'normalized';
}

export type RefiWarningKind =
  | 'skipped-source'
  | 'missing-source-file'
  | 'uncoded-selection'
  | 'skipped-element'
  | 'line-endings'
  | 'unresolved-reference'
  | 'duplicate-note-reference'
  | 'renamed'
  | 'empty-selection';

export interface RefiImportWarning {
  kind: RefiWarningKind;
  /** The REFI element concerned, e.g. `PDFSource`. */
  element: string;
  guid?: string;
  name?: string;
  message: string;
}

export interface RefiImportResult {
  snapshot: ProjectSnapshot;
  warnings: RefiImportWarning[];
}


const TYPES: Record<string, VariableType> = {
  text: 'text',
  boolean: 'boolean',
  integer: 'integer',
  float: 'float',
  date: 'date',
  datetime: 'datetime',
};

function fail(file: string, problem: string, value?: unknown, hint?: string): StaffwellError {
  return new StaffwellError('format', problem, {
    file,
    value,
    hint: hint ?? 'The REFI-QDA file is damaged or uses a form Staffwell does not read; export it again from the source program',
  });
}

/** Decodes bytes as UTF-8 (or UTF-16 with a BOM), dropping a BOM. */
function decode(bytes: Uint8Array, file: string): string {
  let enc = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) enc = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) enc = 'utf-16be';
  try {
    return stripBom(new TextDecoder(enc, { fatal: true }).decode(bytes));
  } catch {
    throw fail(file, `is not valid ${enc.toUpperCase()} text`, undefined, 'Save the file as UTF-8 and try again');
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function guidAttr(file: string, el: XmlElement, element: string, name = 'guid', required = true): string {
  const raw = attr(el, name);
  if (raw === undefined) {
    if (!required) return '';
    throw fail(file, `element ${element} has no ${name} attribute`);
  }
  const g = normalizeGuid(raw);
  if (!g) throw fail(file, `element ${element} attribute ${name} is not a GUID`, raw);
  return g;
}

function optGuid(el: XmlElement, name: string): string | undefined {
  return normalizeGuid(attr(el, name));
}

/**
 * Every GUID of an element, with the element that holds it: a GUID used twice (by two elements of one kind or of
 * two kinds) is an error naming both, since a reference to it could not be resolved.
 */
class GuidRegistry {
  private readonly owner = new Map<string, string>();
  constructor(private readonly file: string) {}
  claim(guid: string, element: string): void {
    const first = this.owner.get(guid);
    if (first !== undefined) {
      throw new StaffwellError('format', `GUID "${guid}" is used by two elements, ${first} and ${element}`, {
        file: this.file,
        value: guid,
        hint: 'every element of a REFI-QDA project needs its own GUID; export the project again from the source program',
      });
    }
    this.owner.set(guid, element);
  }
}

/** `name`, or `name (2)`, `name (3)`... the first not in `taken` (which it joins). */
function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let k = 2; taken.has(out); k++) out = `${name} (${k})`;
  taken.add(out);
  return out;
}

/** Element name with its name attribute for messages: `Case "Ann"`, or `Case guid "..."`. */
function describe(tag: string, el: XmlElement, guid: string): string {
  const name = attr(el, 'name');
  return name ? `${tag} "${name}"` : `${tag} guid "${guid}"`;
}

/** Reads a project.qde document with the files of its archive. */
export function importQde(
  xml: string,
  files: ReadonlyMap<string, Uint8Array> | ZipArchive = new Map(),
  options: RefiImportOptions = {},
  file = 'project.qde',
): RefiImportResult {
  const project = parseXml(stripBom(xml), file);
  if (project.name !== 'Project') {
    throw fail(file, 'root element is not Project', project.name, 'A .qdpx must contain a REFI-QDA project (Project.xsd)');
  }
  const warnings: RefiImportWarning[] = [];
  const origin = attr(project, 'origin') ?? '';
  const guids = new GuidRegistry(file);

  // Users
  const users: SnapshotUser[] = [];
  const userIds = new Set<string>();
  for (const u of children(child(project, 'Users'), 'User')) {
    const g = guidAttr(file, u, 'User');
    guids.claim(g, describe('User', u, g));
    userIds.add(g);
    users.push({ id: g, name: attr(u, 'name') || attr(u, 'id') || g });
  }
  const ensureUser = (g: string | undefined): string | undefined => {
    if (!g) return undefined;
    if (!userIds.has(g)) {
      userIds.add(g);
      users.push({ id: g, name: g });
      warnings.push({ kind: 'unresolved-reference', element: 'User', guid: g, message: `user "${g}" is referenced but not listed in Users; added with its GUID as name` });
    }
    return g;
  };

  // Codes
  const codeIds = new Set<string>();
  const noteTargets = new Map<string, MemoTarget>();
  const addNoteRefs = (el: XmlElement, target: MemoTarget, where: string) => {
    for (const r of children(el, 'NoteRef')) {
      const g = guidAttr(file, r, `${where}/NoteRef`, 'targetGUID');
      if (noteTargets.has(g)) {
        warnings.push({ kind: 'duplicate-note-reference', element: 'NoteRef', guid: g, message: `note "${g}" is referenced more than once; kept with its first target` });
        continue;
      }
      noteTargets.set(g, target);
    }
  };
  const codes = readCodeTree(file, child(child(project, 'CodeBook'), 'Codes'), guids, warnings, (el, code) => {
    codeIds.add(code.id);
    addNoteRefs(el, { kind: 'code', id: code.id }, `Code guid "${code.id}"`);
  });

  // Variables
  const variables: SnapshotVariable[] = [];
  const varById = new Map<string, SnapshotVariable>();
  const variableNames = new Set<string>();
  for (const v of children(child(project, 'Variables'), 'Variable')) {
    const g = guidAttr(file, v, 'Variable');
    guids.claim(g, describe('Variable', v, g));
    const typeRaw = attr(v, 'typeOfVariable') ?? '';
    const type = TYPES[typeRaw.toLowerCase()];
    if (!type) throw fail(file, `element Variable guid "${g}" attribute typeOfVariable is not one of Text, Boolean, Integer, Float, Date, DateTime`, typeRaw);
    const given = attr(v, 'name') ?? g;
    const name = uniqueName(given, variableNames);
    if (name !== given) warnings.push({ kind: 'renamed', element: 'Variable', guid: g, name: given, message: `two variables are named "${given}"; the second is imported as "${name}"` });
    const variable: SnapshotVariable = { id: g, name, type };
    const description = textOf(child(v, 'Description'));
    if (description) variable.description = description;
    variables.push(variable);
    varById.set(g, variable);
  }
  const readValues = (el: XmlElement, where: string): Record<string, VariableValue> => {
    const out: Record<string, VariableValue> = {};
    for (const vv of children(el, 'VariableValue')) {
      const ref = child(vv, 'VariableRef');
      if (!ref) throw fail(file, `element ${where}/VariableValue has no VariableRef`);
      const g = guidAttr(file, ref, `${where}/VariableValue/VariableRef`, 'targetGUID');
      if (!varById.has(g)) throw fail(file, `element ${where}/VariableValue refers to unknown variable "${g}"`, g);
      out[g] = readValue(vv, `${where}/VariableValue`);
    }
    return out;
  };
  const readValue = (vv: XmlElement, where: string): VariableValue => {
    for (const tag of ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']) {
      const el = child(vv, tag);
      if (!el) continue;
      const t = textOf(el) ?? '';
      if (tag === 'TextValue' || tag === 'DateValue' || tag === 'DateTimeValue') return tag === 'TextValue' ? t : t.trim();
      if (tag === 'BooleanValue') {
        const s = t.trim();
        if (s === 'true' || s === '1') return true;
        if (s === 'false' || s === '0') return false;
        throw fail(file, `element ${where}/BooleanValue is not a boolean`, t);
      }
      if (t.trim() === '') return null;
      const n = Number(t.trim());
      if (!Number.isFinite(n)) throw fail(file, `element ${where}/${tag} is not a number`, t);
      return n;
    }
    return null;
  };

  // Sources
  const documents: SnapshotDocument[] = [];
  const documentById = new Map<string, SnapshotDocument>();
  const documentNames = new Set<string>();
  const segments: SnapshotSegment[] = [];
  const docIds = new Set<string>();
  const skippedIds = new Set<string>();
  const selectionSegment = new Map<string, string>(); // selection guid -> first segment id
  const selectionDoc = new Map<string, string>();
  /** Selection descriptions (coding memos), made memos once the notes are known (a Note with the same text wins). */
  const descriptionMemos: Array<{ memo: SnapshotMemo; selection: XmlElement }> = [];
  const fileIndex = indexFiles(files instanceof ZipArchive ? files.names() : [...files.keys()]);
  const readFile = (name: string): Uint8Array => (files instanceof ZipArchive ? files.read(name) : files.get(name)!);
  const entryName = (name: string): string => (files instanceof ZipArchive ? `${files.file}: ${name}` : name);
  const sourcesEl = child(project, 'Sources');
  const lineMode = options.lineEndings ?? 'auto';
  const normalizedPositions = lineMode === 'normalized' || (lineMode === 'auto' && /atlas/i.test(origin));
  for (const tag of ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource']) {
    for (const s of children(sourcesEl, tag)) {
      const g = guidAttr(file, s, tag);
      guids.claim(g, describe(tag, s, g));
      skippedIds.add(g);
      const name = attr(s, 'name');
      const extra = tag === 'PDFSource' && child(s, 'Representation') ? ' (its text layer, Representation, is not imported either)' : '';
      warnings.push({
        kind: 'skipped-source',
        element: tag,
        guid: g,
        name,
        message: `${tag} "${name ?? g}" skipped: only text sources are imported${extra}`,
      });
    }
  }
  for (const s of children(sourcesEl, 'TextSource')) {
    const g = guidAttr(file, s, 'TextSource');
    const where = `TextSource guid "${g}"`;
    guids.claim(g, describe('TextSource', s, g));
    const path = attr(s, 'plainTextPath');
    const inline = child(s, 'PlainTextContent');
    let raw: string | undefined;
    let entry: string | undefined;
    if (inline !== undefined) {
      raw = stripBom(textOf(inline) ?? '');
    } else if (path) {
      entry = resolvePath(path, fileIndex);
      if (entry === undefined) {
        skippedIds.add(g);
        warnings.push({ kind: 'missing-source-file', element: 'TextSource', guid: g, name: attr(s, 'name'), message: `${where}: plainTextPath "${path}" is not in the archive; source and its codings skipped` });
        continue;
      }
      raw = decode(readFile(entry), entryName(entry));
    } else {
      throw fail(file, `element ${where} has neither PlainTextContent nor plainTextPath`);
    }
    const hasCr = raw.indexOf('\r') >= 0;
    const norm = normalizeLineEndings(raw);
    const text = norm.text;
    if (hasCr) {
      warnings.push({
        kind: 'line-endings',
        element: 'TextSource',
        guid: g,
        message: `${where}${entry ? ` (${entry})` : ''} has CR line endings: normalised to LF; positions read as counted on ${normalizedPositions ? 'the LF-normalised text' : 'the text as stored (CRLF = 2 characters)'}`,
      });
    }
    // position (REFI) -> UTF-16 offset into `text`
    const basis = hasCr && !normalizedPositions ? raw : text;
    const conv = offsetConverter(basis);
    const limit = options.positionUnit === 'utf16' ? basis.length : conv.codePoints;
    const toOffset = (p: number): number => {
      const u16 = options.positionUnit === 'utf16' ? p : conv.toUtf16(p);
      return basis === raw && hasCr ? norm.map[u16] : u16;
    };
    const given = attr(s, 'name') || baseName(path) || g;
    const name = uniqueName(given, documentNames);
    if (name !== given) warnings.push({ kind: 'renamed', element: 'TextSource', guid: g, name: given, message: `two sources are named "${given}"; the second is imported as "${name}"` });
    const d: SnapshotDocument = { id: g, name, text };
    const description = textOf(child(s, 'Description'));
    if (description) d.description = description;
    const creator = ensureUser(optGuid(s, 'creatingUser'));
    if (creator) d.createdBy = creator;
    const created = attr(s, 'creationDateTime');
    if (created) d.createdAt = created;
    const attrs = readValues(s, where);
    if (Object.keys(attrs).length) d.attributes = attrs;
    documents.push(d);
    documentById.set(g, d);
    docIds.add(g);
    addNoteRefs(s, { kind: 'document', id: g }, where);

    const readCoding = (c: XmlElement, start: number, end: number, selGuid: string | null, fallbackUser: string | undefined, createdAt: string | undefined) => {
      const cg = guidAttr(file, c, 'Coding');
      guids.claim(cg, `Coding guid "${cg}" in TextSource "${name}"`);
      const ref = child(c, 'CodeRef');
      if (!ref) throw fail(file, `element Coding guid "${cg}" has no CodeRef`);
      const target = guidAttr(file, ref, `Coding guid "${cg}"/CodeRef`, 'targetGUID');
      if (!codeIds.has(target)) {
        throw fail(file, `element Coding guid "${cg}" refers to unknown code "${target}"`, target, 'The project is incomplete: the code is missing from its CodeBook');
      }
      const coder = ensureUser(optGuid(c, 'creatingUser')) ?? fallbackUser ?? ensureUser(UNKNOWN_CODER)!;
      const seg: SnapshotSegment = { id: cg, documentId: g, codeId: target, start, end, text: text.slice(start, end), coderId: coder };
      const at = attr(c, 'creationDateTime') ?? createdAt;
      if (at) seg.createdAt = at;
      segments.push(seg);
      if (selGuid && !selectionSegment.has(selGuid)) selectionSegment.set(selGuid, cg);
      addNoteRefs(c, { kind: 'segment', id: cg }, `Coding guid "${cg}"`);
    };

    for (const sel of children(s, 'PlainTextSelection')) {
      const sg = guidAttr(file, sel, 'PlainTextSelection');
      const w = `PlainTextSelection guid "${sg}"`;
      guids.claim(sg, `${w} in TextSource "${name}"`);
      const sp = intAttr(file, sel, w, 'startPosition');
      const ep = intAttr(file, sel, w, 'endPosition');
      if (sp < 0 || ep < sp || ep > limit) {
        throw fail(file, `element ${w} attributes startPosition/endPosition (${sp}-${ep}) are outside source "${name}" (${limit} characters)`, `${sp}-${ep}`);
      }
      const start = toOffset(sp);
      const end = toOffset(ep);
      const selUser = ensureUser(optGuid(sel, 'creatingUser'));
      const codings = children(sel, 'Coding');
      selectionDoc.set(sg, g);
      if (end === start) {
        // an empty selection (a point in the text): nothing to code; its notes and description go to the source
        for (const c of codings) {
          const cg = guidAttr(file, c, 'Coding');
          guids.claim(cg, `Coding guid "${cg}" in TextSource "${name}"`);
        }
        warnings.push({ kind: 'empty-selection', element: 'PlainTextSelection', guid: sg, name: attr(sel, 'name'), message: `${w} in source "${name}" is empty (${sp}-${ep}); its ${codings.length} coding(s) are skipped, its notes are attached to the source` });
        addNoteRefs(sel, { kind: 'document', id: g }, w);
        for (const c of codings) addNoteRefs(c, { kind: 'document', id: g }, `Coding in ${w}`);
        const desc = textOf(child(sel, 'Description'));
        if (desc && desc.trim()) descriptionMemos.push({ memo: selectionMemo(sg, desc, { kind: 'document', id: g }, sel, selUser), selection: sel });
        continue;
      }
      if (codings.length === 0) {
        warnings.push({ kind: 'uncoded-selection', element: 'PlainTextSelection', guid: sg, name: attr(sel, 'name'), message: `${w} has no Coding; skipped (its notes are attached to the document)` });
      }
      for (const c of codings) readCoding(c, start, end, sg, selUser, attr(sel, 'creationDateTime'));
      const first = selectionSegment.get(sg);
      const target: MemoTarget = first ? { kind: 'segment', id: first } : { kind: 'document', id: g };
      addNoteRefs(sel, target, w);
      const desc = textOf(child(sel, 'Description'));
      if (desc && desc.trim()) {
        const coder = first ? segments[segments.length - codings.length].coderId : selUser;
        descriptionMemos.push({ memo: selectionMemo(sg, desc, target, sel, ensureUser(optGuid(sel, 'modifyingUser')) ?? coder), selection: sel });
      }
    }
    for (const c of children(s, 'Coding')) readCoding(c, 0, text.length, null, creator, undefined);
  }

  // Cases
  const participants: SnapshotParticipant[] = [];
  const participantIds = new Set<string>();
  for (const c of children(child(project, 'Cases'), 'Case')) {
    const g = guidAttr(file, c, 'Case');
    const where = `Case guid "${g}"`;
    guids.claim(g, describe('Case', c, g));
    const attributes = readValues(c, where);
    const refs: string[] = [];
    for (const r of children(c, 'SourceRef')) {
      const target = guidAttr(file, r, `${where}/SourceRef`, 'targetGUID');
      if (docIds.has(target) || skippedIds.has(target)) refs.push(target);
      else {
        warnings.push({ kind: 'unresolved-reference', element: 'SourceRef', guid: target, name: attr(c, 'name'), message: `${describe('Case', c, g)} refers to source "${target}", which is not in the file; the reference is dropped` });
      }
    }
    const documentIds = refs.filter((r) => docIds.has(r));
    const name = attr(c, 'name');
    if (!name && refs.length === 1) {
      // MAXQDA / Quirkos: document variables as an unnamed case with one SourceRef.
      const d = documentById.get(refs[0]);
      if (d) d.attributes = { ...(d.attributes ?? {}), ...attributes };
      continue;
    }
    for (const tag of ['CodeRef', 'SelectionRef']) {
      if (children(c, tag).length) warnings.push({ kind: 'skipped-element', element: tag, guid: g, message: `${where}: ${tag} elements are not imported` });
    }
    const p: SnapshotParticipant = { id: g, name: name ?? g, attributes, documentIds };
    const description = textOf(child(c, 'Description'));
    if (description) p.description = description;
    participants.push(p);
    participantIds.add(g);
  }

  // Notes (their GUIDs first: Links point at them)
  const noteEls = children(child(project, 'Notes'), 'Note');
  const noteGuids = new Set<string>();
  for (const n of noteEls) {
    const g = guidAttr(file, n, 'Note');
    guids.claim(g, describe('Note', n, g));
    noteGuids.add(g);
  }

  // Links from an object to a Note (participant memos; NVivo annotations)
  for (const l of children(child(project, 'Links'), 'Link')) {
    const lg = optGuid(l, 'guid');
    if (lg) guids.claim(lg, describe('Link', l, lg));
    const o = optGuid(l, 'originGUID');
    const t = optGuid(l, 'targetGUID');
    const [from, note] = t && noteGuids.has(t) ? [o, t] : o && noteGuids.has(o) ? [t, o] : [undefined, undefined];
    if (!note || !from) {
      warnings.push({ kind: 'skipped-element', element: 'Link', guid: lg, name: attr(l, 'name'), message: 'Link between non-note objects is not imported' });
      continue;
    }
    let target: MemoTarget | undefined;
    if (participantIds.has(from)) target = { kind: 'participant', id: from };
    else if (codeIds.has(from)) target = { kind: 'code', id: from };
    else if (docIds.has(from)) target = { kind: 'document', id: from };
    else if (selectionSegment.has(from)) target = { kind: 'segment', id: selectionSegment.get(from)! };
    else if (selectionDoc.has(from)) target = { kind: 'document', id: selectionDoc.get(from)! };
    if (!target) {
      warnings.push({ kind: 'unresolved-reference', element: 'Link', guid: lg, message: `Link from "${from}" to note "${note}": origin not imported; note kept as a project memo` });
      continue;
    }
    if (!noteTargets.has(note)) noteTargets.set(note, target);
  }
  // Sets and Graphs: themes and the model, and the notes their Sets hold (memos on them)
  const { themes, model, notes: setNotes } = readSetsAndGraphs(child(project, 'Sets'), child(project, 'Graphs'), codeIds, warnings);
  for (const { noteId, target } of setNotes) {
    if (noteTargets.has(noteId)) warnings.push({ kind: 'duplicate-note-reference', element: 'MemberNote', guid: noteId, message: `note "${noteId}" is referenced more than once; kept with its first target` });
    else noteTargets.set(noteId, target);
  }
  addNoteRefs(project, { kind: 'project' }, 'Project');

  // Notes
  const memos: SnapshotMemo[] = [];
  for (const n of noteEls) {
    const g = guidAttr(file, n, 'Note');
    const inline = child(n, 'PlainTextContent');
    let text = '';
    if (inline !== undefined) text = stripBom(textOf(inline) ?? '');
    else {
      const path = attr(n, 'plainTextPath');
      const entry = path ? resolvePath(path, fileIndex) : undefined;
      if (entry) text = decode(readFile(entry), entryName(entry));
      else if (path) warnings.push({ kind: 'missing-source-file', element: 'Note', guid: g, name: attr(n, 'name'), message: `Note guid "${g}": plainTextPath "${path}" is not in the archive; imported with empty text` });
    }
    const memo: SnapshotMemo = {
      id: g,
      title: attr(n, 'name') ?? '',
      text: normalizeLineEndings(text).text,
      target: noteTargets.get(g) ?? { kind: 'project' },
    };
    const author = ensureUser(optGuid(n, 'creatingUser'));
    if (author) memo.authorId = author;
    const created = attr(n, 'creationDateTime');
    if (created) memo.createdAt = created;
    memos.push(memo);
  }
  for (const [g, t] of noteTargets) {
    if (!noteGuids.has(g)) warnings.push({ kind: 'unresolved-reference', element: 'NoteRef', guid: g, message: `NoteRef from ${t.kind} refers to unknown note "${g}"; ignored` });
  }
  // Selection descriptions (coding memos) after the notes: one that repeats a note of the same selection is that note.
  const noteText = new Map(memos.map((m) => [m.id, m.text]));
  for (const { memo, selection } of descriptionMemos) {
    const repeated = children(selection, 'NoteRef').some((r) => noteText.get(optGuid(r, 'targetGUID') ?? '') === memo.text);
    if (!repeated) memos.push(memo);
  }
  for (const tag of ['Sets', 'Graphs']) {
    for (const el of children(child(project, tag), tag.slice(0, -1))) {
      const g = guidAttr(file, el, tag.slice(0, -1));
      guids.claim(g, describe(tag.slice(0, -1), el, g));
    }
  }

  const snapshot: ProjectSnapshot = {
    name: attr(project, 'name') ?? 'Imported project',
    users,
    codes,
    variables,
    participants,
    documents,
    segments,
    memos,
  };
  if (themes.length) snapshot.themes = themes;
  if (model) snapshot.model = model;
  const description = textOf(child(project, 'Description'));
  if (description) snapshot.description = description;
  return { snapshot, warnings };
}

/** A selection's Description as a memo on `target` (author: who last modified the selection, else the coder). */
function selectionMemo(selectionGuid: string, text: string, target: MemoTarget, sel: XmlElement, author: string | undefined): SnapshotMemo {
  const memo: SnapshotMemo = { id: uuidV5(STAFFWELL_REFI_NAMESPACE, `selection-description:${selectionGuid}`), title: '', text: normalizeLineEndings(text).text, target };
  if (author) memo.authorId = author;
  const at = attr(sel, 'modifiedDateTime') ?? attr(sel, 'creationDateTime');
  if (at) memo.createdAt = at;
  return memo;
}

/**
 * The code tree under a `Codes` element, parents before children in document order, read with an explicit stack
 * (a hierarchy of any depth). Sibling codes with the same name are kept, the later ones renamed `name (2)`... with
 * a warning (the project keeps names unique among siblings). `each` sees every code with its element.
 */
function readCodeTree(
  file: string,
  codesEl: XmlElement | undefined,
  guids: GuidRegistry,
  warnings: RefiImportWarning[],
  each: (el: XmlElement, code: SnapshotCode) => void = () => undefined,
): SnapshotCode[] {
  const codes: SnapshotCode[] = [];
  const siblingNames = new Map<string | null, Set<string>>();
  const stack: Array<{ el: XmlElement; parentId: string | null }> = [];
  const push = (parent: XmlElement | undefined, parentId: string | null) => {
    const kids = children(parent, 'Code');
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i], parentId });
  };
  push(codesEl, null);
  while (stack.length > 0) {
    const { el: c, parentId } = stack.pop()!;
    const g = guidAttr(file, c, 'Code');
    const given = attr(c, 'name');
    if (given === undefined) throw fail(file, `element Code guid "${g}" has no name attribute`);
    guids.claim(g, `Code "${given}"`);
    const taken = siblingNames.get(parentId) ?? siblingNames.set(parentId, new Set()).get(parentId)!;
    const name = uniqueName(given, taken);
    if (name !== given) warnings.push({ kind: 'renamed', element: 'Code', guid: g, name: given, message: `two codes at one level are named "${given}"; the second is imported as "${name}"` });
    const codable = attr(c, 'isCodable');
    const color = attr(c, 'color');
    const description = textOf(child(c, 'Description'));
    const code: SnapshotCode = { id: g, name, parentId, codable: !(codable === 'false' || codable === '0') };
    if (color) code.color = normalizeColor(color);
    if (description) code.description = description;
    codes.push(code);
    each(c, code);
    push(c, g);
  }
  return codes;
}

const UNKNOWN_CODER = '00000000-0000-0000-0000-000000000000';

function normalizeColor(c: string): string {
  const t = c.trim();
  return /^#[0-9a-fA-F]{3}$/.test(t) ? `#${t[1]}${t[1]}${t[2]}${t[2]}${t[3]}${t[3]}` : t;
}

function intAttr(file: string, el: XmlElement, where: string, name: string): number {
  const raw = attr(el, name);
  if (raw === undefined) throw fail(file, `element ${where} has no ${name} attribute`);
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || raw.trim() === '') throw fail(file, `element ${where} attribute ${name} is not an integer`, raw);
  return n;
}

function baseName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const p = path.replace(/^[a-z]+:\/\//i, '');
  const b = p.split(/[\\/]/).pop();
  return b || undefined;
}

/** Lower-cased path -> entry name, plus lower-cased base name -> entry name. */
function indexFiles(names: readonly string[]): { byPath: Map<string, string>; byBase: Map<string, string> } {
  const byPath = new Map<string, string>();
  const byBase = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith('/')) continue;
    const lower = name.toLowerCase();
    byPath.set(lower, name);
    const base = lower.split('/').pop()!;
    if (!byBase.has(base)) byBase.set(base, name);
  }
  return { byPath, byBase };
}

function resolvePath(path: string, index: ReturnType<typeof indexFiles>): string | undefined {
  const m = /^([a-z]+):\/\/(.*)$/i.exec(path.trim());
  const rest = (m ? m[2] : path.trim()).replace(/\\/g, '/').replace(/^\.?\//, '');
  const lower = rest.toLowerCase();
  return (
    index.byPath.get(`sources/${lower}`) ??
    index.byPath.get(lower) ??
    index.byBase.get(lower.split('/').pop() ?? lower)
  );
}

/**
 * Reads a `.qdpx` archive. Only the entries used are inflated (project.qde, then each source and note file a
 * plainTextPath names), each within the per-entry limit of the zip reader (`src/io/zip-reader.ts`).
 */
export function importQdpx(bytes: Uint8Array, options: RefiImportOptions & { maxEntryBytes?: number } = {}, archiveName = 'archive.qdpx'): RefiImportResult {
  const zip = new ZipArchive(bytes, archiveName, {
    maxEntryBytes: options.maxEntryBytes,
    what: 'a .qdpx file',
    notZipHint: 'A .qdpx file is a zip archive holding project.qde; export the project again as "REFI-QDA Project"',
  });
  const names = zip.names();
  const qdeName = names.find((n) => n.toLowerCase() === 'project.qde') ?? names.find((n) => n.toLowerCase().endsWith('.qde'));
  if (!qdeName) {
    throw new StaffwellError('format', 'has no project.qde', {
      file: archiveName,
      hint: 'A .qdpx file must contain project.qde at its root; export the project again',
    });
  }
  const qde = `${archiveName}: ${qdeName}`;
  return importQde(decode(zip.read(qdeName), qde), zip, options, qde);
}

/**
 * Reads a `.qdc` codebook (or a project's CodeBook) into codes with their hierarchy. Given bytes, they are decoded
 * as a .qdpx's XML is (UTF-8, or UTF-16 with its byte-order mark; invalid text is an error naming the file).
 */
export function importQdc(xml: string | Uint8Array, file = 'codebook.qdc'): SnapshotCode[] {
  return importCodebook(xml, file).codes;
}

/**
 * A `.qdc` codebook with its Sets: codes as `importQdc` reads them, and each Set of codes as a top-level theme (a
 * codebook has no Graphs, so no theme hierarchy); the warnings name Sets and codes left out (sets.ts).
 */
export function importCodebook(xml: string | Uint8Array, file = 'codebook.qdc'): { codes: SnapshotCode[]; themes: SnapshotTheme[]; warnings: RefiImportWarning[] } {
  const doc = parseXml(typeof xml === 'string' ? stripBom(xml) : decode(xml, file), file);
  const book = doc.name === 'CodeBook' ? doc : doc.name === 'Project' ? child(doc, 'CodeBook') : undefined;
  if (!book) {
    throw fail(file, doc.name === 'Project' ? 'the project has no CodeBook' : 'root element is not CodeBook', doc.name, 'A .qdc file must hold a REFI-QDA codebook (Codebook.xsd)');
  }
  const guids = new GuidRegistry(file);
  const warnings: RefiImportWarning[] = [];
  const codes = readCodeTree(file, child(book, 'Codes'), guids, warnings);
  for (const el of children(child(book, 'Sets'), 'Set')) {
    const g = guidAttr(file, el, 'Set');
    guids.claim(g, describe('Set', el, g));
  }
  const { themes } = readSetsAndGraphs(child(book, 'Sets'), undefined, new Set(codes.map((c) => c.id)), warnings);
  return { codes, themes, warnings };
}
