import { StaffwellError } from '../errors.ts';
import { codePaths, withDescendants } from './lookup.ts';
import type { VariableValue } from './snapshot.ts';
import type { QualReader, SegmentRow, TurnRow } from './store/qual-store.ts';
import { parseSearchText } from './text-query.ts';
import { turnAt } from './turns.ts';

/** A coded segment with what a researcher filters and reads it by. */
export interface SegmentHit {
  segmentId: string;
  documentId: string;
  documentName: string;
  codeId: string;
  /** `Parent/Child` path of the code. */
  code: string;
  coder: string;
  start: number;
  end: number;
  text: string;
  /** Participant of the turn the segment starts in (or of the document, when it has no turns). */
  participantId: string | null;
  siteId: string | null;
  site: string | null;
  /** Participant attributes by variable name. */
  attributes: Record<string, VariableValue>;
  keyQuote: boolean;
}

export interface SegmentQuery {
  /** Code ids; with `includeDescendants` (default true) their subcodes too. */
  codeIds?: readonly string[];
  /** Theme ids: the codes linked to the themes and their subthemes (and the codes' subcodes). */
  themeIds?: readonly string[];
  includeDescendants?: boolean;
  /** Coder names. */
  coders?: readonly string[];
  participantIds?: readonly string[];
  /** Site ids or names. */
  sites?: readonly string[];
  documentIds?: readonly string[];
  /** Participant attribute filters: variable name -> accepted value(s). */
  attributes?: Record<string, VariableValue | readonly VariableValue[]>;
  keyQuotesOnly?: boolean;
}

/** Resolves a query's code and theme filters to the set of code ids (undefined = all codes). */
export async function queryCodeIds(store: QualReader, q: Pick<SegmentQuery, 'codeIds' | 'themeIds' | 'includeDescendants'>): Promise<string[] | undefined> {
  if (q.codeIds === undefined && q.themeIds === undefined) return undefined;
  const codes = await store.listCodes();
  const ids = new Set<string>(q.codeIds ?? []);
  if (q.themeIds !== undefined) {
    const themes = await store.listThemes();
    const themeSet = withDescendants(themes, q.themeIds);
    for (const l of await store.listThemeCodes()) if (themeSet.has(l.themeId)) ids.add(l.codeId);
  }
  return [...(q.includeDescendants === false ? ids : withDescendants(codes, ids))];
}

/** Segments by code or theme with participant attributes, filtered. Ordered by document, then offset. */
export async function querySegments(store: QualReader, q: SegmentQuery = {}): Promise<SegmentHit[]> {
  const codeIds = await queryCodeIds(store, q);
  const [codes, coders, docs, participants, vars, sites] = await Promise.all([
    store.listCodes(),
    store.listCoders(),
    store.listDocuments(),
    store.listParticipants(),
    store.listVariables('participant'),
    store.listSites(),
  ]);
  let coderIds: string[] | undefined;
  if (q.coders !== undefined) {
    coderIds = q.coders.map((name) => {
      const c = coders.find((x) => x.name === name || x.id === name);
      if (!c) {
        throw new StaffwellError('not-found', 'no coder with this name', {
          field: 'coders',
          value: name,
          hint: `coders: ${coders.map((x) => x.name).join(', ') || '(none yet)'}`,
        });
      }
      return c.id;
    });
  }
  const segs = await store.listSegments({ codeIds, coderIds, documentIds: q.documentIds });
  const paths = codePaths(codes);
  const coderName = new Map(coders.map((c) => [c.id, c.name]));
  const docById = new Map(docs.map((d) => [d.id, d]));
  const varName = new Map(vars.map((v) => [v.id, v.name]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const pById = new Map(participants.map((p) => [p.id, p]));
  const attrsOf = new Map<string, Record<string, VariableValue>>();
  for (const p of participants) {
    const a: Record<string, VariableValue> = {};
    for (const [k, v] of Object.entries(p.attributes)) a[varName.get(k) ?? k] = v;
    attrsOf.set(p.id, a);
  }
  const siteFilter = q.sites === undefined ? undefined : new Set(q.sites.map((s) => sites.find((x) => x.id === s || x.name === s)?.id ?? s));
  const pFilter = q.participantIds === undefined ? undefined : new Set(q.participantIds);
  const attrFilter = q.attributes === undefined ? [] : Object.entries(q.attributes).map(([k, v]) => [k, Array.isArray(v) ? v : [v]] as const);
  const out: SegmentHit[] = [];
  for (const s of segs) {
    if (q.keyQuotesOnly && !s.keyQuote) continue;
    const doc = docById.get(s.documentId)!;
    const siteId = siteOfSegment(s, doc.siteId, pById);
    if (pFilter && (s.participantId === null || !pFilter.has(s.participantId))) continue;
    if (siteFilter && (siteId === null || !siteFilter.has(siteId))) continue;
    const attributes = s.participantId === null ? {} : (attrsOf.get(s.participantId) ?? {});
    if (attrFilter.some(([k, vs]) => !vs.some((v) => String(v) === String(attributes[k])))) continue;
    out.push({
      segmentId: s.id,
      documentId: s.documentId,
      documentName: doc.name,
      codeId: s.codeId,
      code: paths.get(s.codeId) ?? s.codeId,
      coder: coderName.get(s.coderId) ?? s.coderId,
      start: s.start,
      end: s.end,
      text: s.text,
      participantId: s.participantId,
      siteId,
      site: siteId === null ? null : (siteName.get(siteId) ?? null),
      attributes,
      keyQuote: s.keyQuote,
    });
  }
  return out;
}

/** The site of a segment: the document's site, else its participant's. */
export function siteOfSegment(
  s: Pick<SegmentRow, 'participantId'>,
  documentSite: string | null,
  participants: ReadonlyMap<string, { siteId: string | null }>,
): string | null {
  if (documentSite !== null) return documentSite;
  return s.participantId === null ? null : (participants.get(s.participantId)?.siteId ?? null);
}

export interface KwicHit {
  documentId: string;
  documentName: string;
  start: number;
  end: number;
  left: string;
  keyword: string;
  right: string;
  /** Speaker label of the turn (pseudonymous), null when the document has no turns. */
  speaker: string | null;
  participantId: string | null;
  turnIdx: number | null;
}

export interface KwicOptions {
  /** Characters of context on each side (default 40). */
  context?: number;
  documentIds?: readonly string[];
  /** Stop after this many hits (default 1000). */
  limit?: number;
}

/**
 * Keyword in context. `query` is a word, a phrase, or a prefix ending in `*` (`burn*`). The store's full-text index
 * finds the documents; the hits' exact offsets are then found in the text (case-insensitive, at word boundaries).
 */
export async function kwic(store: QualReader, query: string, options: KwicOptions = {}): Promise<KwicHit[]> {
  const { query: textQuery, pattern: re } = parseSearchText(query, 'kwic');
  let docIds = await store.searchDocuments(textQuery);
  if (options.documentIds) {
    const allowed = new Set(options.documentIds);
    docIds = docIds.filter((d) => allowed.has(d));
  }
  const ctx = options.context ?? 40;
  const limit = options.limit ?? 1000;
  const out: KwicHit[] = [];
  for (const id of docIds) {
    const doc = (await store.getDocument(id))!;
    const turns: TurnRow[] = await store.listTurns(id);
    re.lastIndex = 0;
    for (let m = re.exec(doc.text); m !== null; m = re.exec(doc.text)) {
      const start = m.index;
      const end = start + m[0].length;
      const t = turnAt(turns, start);
      out.push({
        documentId: id,
        documentName: doc.name,
        start,
        end,
        left: oneLine(doc.text.slice(Math.max(0, start - ctx), start)),
        keyword: m[0],
        right: oneLine(doc.text.slice(end, end + ctx)),
        speaker: t ? t.speaker : null,
        participantId: t ? t.participantId : doc.participantId,
        turnIdx: t ? t.idx : null,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
