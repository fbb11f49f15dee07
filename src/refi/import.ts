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
 * Not text (PDFSource, PictureSource, AudioSource, VideoSource), Sets, Graphs and selections without a Coding are
 * listed in `warnings`, never dropped silently. Malformed input throws StaffwellError('format') naming the zip entry
 * and the element/attribute.
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
  SnapshotUser,
  SnapshotVariable,
  VariableType,
  VariableValue,
} from '../qual/snapshot.ts';
import { normalizeGuid } from './guid.ts';
import { normalizeLineEndings, offsetConverter } from './positions.ts';
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
  | 'duplicate-note-reference';

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

const ARRAY_TAGS = new Set([
  'User', 'Code', 'Variable', 'Case', 'VariableValue', 'SourceRef', 'SelectionRef', 'CodeRef', 'TextSource',
  'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note',
  'Link', 'Set', 'MemberCode', 'MemberSource', 'MemberNote', 'Graph',
]);

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

/** Reads a project.qde document with the files of its archive. */
export function importQde(
  xml: string,
  files: ReadonlyMap<string, Uint8Array> | ZipArchive = new Map(),
  options: RefiImportOptions = {},
  file = 'project.qde',
): RefiImportResult {
  const doc = parseXml(stripBom(xml), file, ARRAY_TAGS);
  const project = doc.Project as XmlElement | undefined;
  if (!project || typeof project !== 'object') {
    const root = Object.keys(doc)[0];
    throw fail(file, 'root element is not Project', root, 'A .qdpx must contain a REFI-QDA project (Project.xsd)');
  }
  const warnings: RefiImportWarning[] = [];
  const origin = attr(project, 'origin') ?? '';

  // Users
  const users: SnapshotUser[] = [];
  const userIds = new Set<string>();
  for (const u of children(child(project, 'Users'), 'User')) {
    const g = guidAttr(file, u, 'User');
    if (userIds.has(g)) throw fail(file, `element User guid "${g}" is duplicated`, g);
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
  const codes: SnapshotCode[] = [];
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
  const readCodes = (parent: XmlElement, parentId: string | null) => {
    for (const c of children(parent, 'Code')) {
      const g = guidAttr(file, c, 'Code');
      if (codeIds.has(g)) throw fail(file, `element Code guid "${g}" is duplicated`, g);
      codeIds.add(g);
      const name = attr(c, 'name');
      if (name === undefined) throw fail(file, `element Code guid "${g}" has no name attribute`);
      const codable = attr(c, 'isCodable');
      const color = attr(c, 'color');
      const description = textOf(child(c, 'Description'));
      const code: SnapshotCode = { id: g, name, parentId, codable: !(codable === 'false' || codable === '0') };
      if (color) code.color = normalizeColor(color);
      if (description) code.description = description;
      codes.push(code);
      addNoteRefs(c, { kind: 'code', id: g }, `Code guid "${g}"`);
      readCodes(c, g);
    }
  };
  const codeBook = child(project, 'CodeBook');
  if (codeBook) readCodes(child(codeBook, 'Codes') ?? {}, null);

  // Variables
  const variables: SnapshotVariable[] = [];
  const varById = new Map<string, SnapshotVariable>();
  for (const v of children(child(project, 'Variables'), 'Variable')) {
    const g = guidAttr(file, v, 'Variable');
    const typeRaw = attr(v, 'typeOfVariable') ?? '';
    const type = TYPES[typeRaw.toLowerCase()];
    if (!type) throw fail(file, `element Variable guid "${g}" attribute typeOfVariable is not one of Text, Boolean, Integer, Float, Date, DateTime`, typeRaw);
    const variable: SnapshotVariable = { id: g, name: attr(v, 'name') ?? g, type };
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
  const segments: SnapshotSegment[] = [];
  const docIds = new Set<string>();
  const skippedIds = new Set<string>();
  const selectionSegment = new Map<string, string>(); // selection guid -> first segment id
  const selectionDoc = new Map<string, string>();
  const fileIndex = indexFiles(files instanceof ZipArchive ? files.names() : [...files.keys()]);
  const readFile = (name: string): Uint8Array => (files instanceof ZipArchive ? files.read(name) : files.get(name)!);
  const entryName = (name: string): string => (files instanceof ZipArchive ? `${files.file}: ${name}` : name);
  const sourcesEl = child(project, 'Sources');
  const lineMode = options.lineEndings ?? 'auto';
  const normalizedPositions = lineMode === 'normalized' || (lineMode === 'auto' && /atlas/i.test(origin));
  for (const tag of ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource']) {
    for (const s of children(sourcesEl, tag)) {
      const g = guidAttr(file, s, tag);
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
    if (docIds.has(g)) throw fail(file, `element ${where} is duplicated`, g);
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
    const name = attr(s, 'name') || baseName(path) || g;
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
    docIds.add(g);
    addNoteRefs(s, { kind: 'document', id: g }, where);

    const readCoding = (c: XmlElement, start: number, end: number, selGuid: string | null, fallbackUser: string | undefined, createdAt: string | undefined) => {
      const cg = guidAttr(file, c, 'Coding');
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
      if (codings.length === 0) {
        warnings.push({ kind: 'uncoded-selection', element: 'PlainTextSelection', guid: sg, name: attr(sel, 'name'), message: `${w} has no Coding; skipped (its notes are attached to the document)` });
      }
      for (const c of codings) readCoding(c, start, end, sg, selUser, attr(sel, 'creationDateTime'));
      const first = selectionSegment.get(sg);
      addNoteRefs(sel, first ? { kind: 'segment', id: first } : { kind: 'document', id: g }, w);
    }
    for (const c of children(s, 'Coding')) readCoding(c, 0, text.length, null, creator, undefined);
  }

  // Cases
  const participants: SnapshotParticipant[] = [];
  const participantIds = new Set<string>();
  for (const c of children(child(project, 'Cases'), 'Case')) {
    const g = guidAttr(file, c, 'Case');
    const where = `Case guid "${g}"`;
    const attributes = readValues(c, where);
    const refs = children(c, 'SourceRef').map((r) => guidAttr(file, r, `${where}/SourceRef`, 'targetGUID'));
    const documentIds: string[] = [];
    for (const r of refs) {
      if (docIds.has(r)) documentIds.push(r);
      else if (skippedIds.has(r)) continue;
      else throw fail(file, `element ${where}/SourceRef refers to unknown source "${r}"`, r);
    }
    const name = attr(c, 'name');
    if (!name && refs.length === 1) {
      // MAXQDA / Quirkos: document variables as an unnamed case with one SourceRef.
      const d = documents.find((x) => x.id === refs[0]);
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

  // Links from an object to a Note (participant memos; NVivo annotations)
  const noteGuids = new Set(children(child(project, 'Notes'), 'Note').map((n) => optGuid(n, 'guid')));
  for (const l of children(child(project, 'Links'), 'Link')) {
    const o = optGuid(l, 'originGUID');
    const t = optGuid(l, 'targetGUID');
    const [from, note] = t && noteGuids.has(t) ? [o, t] : o && noteGuids.has(o) ? [t, o] : [undefined, undefined];
    if (!note || !from) {
      warnings.push({ kind: 'skipped-element', element: 'Link', guid: optGuid(l, 'guid'), name: attr(l, 'name'), message: 'Link between non-note objects is not imported' });
      continue;
    }
    let target: MemoTarget | undefined;
    if (participantIds.has(from)) target = { kind: 'participant', id: from };
    else if (codeIds.has(from)) target = { kind: 'code', id: from };
    else if (docIds.has(from)) target = { kind: 'document', id: from };
    else if (selectionSegment.has(from)) target = { kind: 'segment', id: selectionSegment.get(from)! };
    else if (selectionDoc.has(from)) target = { kind: 'document', id: selectionDoc.get(from)! };
    if (!target) {
      warnings.push({ kind: 'unresolved-reference', element: 'Link', guid: optGuid(l, 'guid'), message: `Link from "${from}" to note "${note}": origin not imported; note kept as a project memo` });
      continue;
    }
    if (!noteTargets.has(note)) noteTargets.set(note, target);
  }
  addNoteRefs(project, { kind: 'project' }, 'Project');

  // Notes
  const memos: SnapshotMemo[] = [];
  for (const n of children(child(project, 'Notes'), 'Note')) {
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
  for (const tag of ['Sets', 'Graphs']) {
    if (child(project, tag)) warnings.push({ kind: 'skipped-element', element: tag, message: `${tag} are not imported` });
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
  const description = textOf(child(project, 'Description'));
  if (description) snapshot.description = description;
  return { snapshot, warnings };
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

/** Reads a `.qdc` codebook (or a project's CodeBook) into codes with their hierarchy. */
export function importQdc(xml: string, file = 'codebook.qdc'): SnapshotCode[] {
  const doc = parseXml(stripBom(xml), file, ARRAY_TAGS);
  let book = doc.CodeBook as XmlElement | undefined;
  if (!book && doc.Project) book = child(doc.Project as XmlElement, 'CodeBook');
  if (!book || typeof book !== 'object') {
    throw fail(file, 'root element is not CodeBook', Object.keys(doc)[0], 'A .qdc file must hold a REFI-QDA codebook (Codebook.xsd)');
  }
  const codes: SnapshotCode[] = [];
  const seen = new Set<string>();
  const read = (parent: XmlElement, parentId: string | null) => {
    for (const c of children(parent, 'Code')) {
      const g = guidAttr(file, c, 'Code');
      if (seen.has(g)) throw fail(file, `element Code guid "${g}" is duplicated`, g);
      seen.add(g);
      const name = attr(c, 'name');
      if (name === undefined) throw fail(file, `element Code guid "${g}" has no name attribute`);
      const codable = attr(c, 'isCodable');
      const code: SnapshotCode = { id: g, name, parentId, codable: !(codable === 'false' || codable === '0') };
      const color = attr(c, 'color');
      if (color) code.color = normalizeColor(color);
      const description = textOf(child(c, 'Description'));
      if (description) code.description = description;
      codes.push(code);
      read(c, g);
    }
  };
  read(child(book, 'Codes') ?? {}, null);
  return codes;
}
