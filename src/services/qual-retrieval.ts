import { StaffwellError } from '../errors.ts';
import { groundedTheoryModel, type GtModel } from '../qual/grounded-theory.ts';
import { codePaths, codeTree, findCode, findTheme } from '../qual/lookup.ts';
import { memoTimeline, type MemoEntry } from '../qual/memos.ts';
import type { QualProject } from '../qual/project.ts';
import { compareCodes, type CodeComparison } from '../qual/compare-codes.ts';
import { cooccurringSegments } from '../qual/cooccurring-segments.ts';
import type { CooccurrenceScope } from '../qual/matrices.ts';
import { kwic, querySegments, type KwicHit, type SegmentHit } from '../qual/queries.ts';
import { oneOf } from './one-of.ts';
import type { CodeRow, CommandRecord, DocumentRow, ParticipantRow, QualReader, SiteRow, StoredMemoTarget, ThemeRow, VariableRow } from '../qual/store/qual-store.ts';
import { themeRecurrence, themeTable, themeTree, type ThemeTable } from '../qual/themes.ts';

/**
 * Reading a project: the codebook, documents, participants, coded segments (retrieval), keyword in context,
 * memos, themes, the grounded-theory model and the audit log. Each runs on one snapshot of the project
 * (`store.read`), so a result never mixes states of two commits. Codes, themes and coders are named by id, path
 * or name.
 */

export interface CodebookEntry extends CodeRow {
  /** `Parent/Child`. */
  path: string;
  /** Coded segments (anchored ones). */
  segments: number;
}

/** The codebook: `codes` in creation order, `tree` in hierarchy order with depth. */
export function qualCodebook(project: QualProject): Promise<{ codes: CodebookEntry[]; tree: { id: string; depth: number }[] }> {
  return project.store.read(async (r) => {
    const [codes, segs] = await Promise.all([r.listCodes(), r.listSegments({ withText: false })]);
    const n = new Map<string, number>();
    for (const s of segs) n.set(s.codeId, (n.get(s.codeId) ?? 0) + 1);
    const paths = codePaths(codes);
    return {
      codes: codes.map((c) => ({ ...c, path: paths.get(c.id)!, segments: n.get(c.id) ?? 0 })),
      tree: codeTree(codes).map((t) => ({ id: t.code.id, depth: t.depth })),
    };
  });
}

export function qualDocuments(project: QualProject): Promise<DocumentRow[]> {
  return project.store.listDocuments();
}

export function qualParticipants(project: QualProject): Promise<{ participants: ParticipantRow[]; variables: VariableRow[]; sites: SiteRow[] }> {
  return project.store.read(async (r) => {
    const [participants, variables, sites] = await Promise.all([r.listParticipants(), r.listVariables('participant'), r.listSites()]);
    return { participants, variables, sites };
  });
}

export interface QualQueryOptions {
  /** Codes (id, path or name), with their subcodes. */
  codes?: readonly string[];
  /** Themes (id or name), with their subthemes. */
  themes?: readonly string[];
  /** Coders by name. */
  coders?: readonly string[];
  participants?: readonly string[];
  /** Sites by name or id. */
  sites?: readonly string[];
  /** Participant attribute filters: variable name → value. */
  where?: Record<string, string>;
  keyQuotesOnly?: boolean;
  /**
   * Only the segments that co-occur with a segment of this code (id, path or name), as the co-occurrence matrix
   * counts: overlapping in a document, or in the same speaker turn. Codes then match exactly (no subcodes), as the
   * matrix's cells do.
   */
  cooccursWith?: { code: string; scope: CooccurrenceScope };
}

/** Coded segments by code or theme, with participant attributes, filtered. */
export function qualQuerySegments(project: QualProject, options: QualQueryOptions = {}): Promise<SegmentHit[]> {
  return project.store.read(async (r) => {
    const co = options.cooccursWith;
    if (co) oneOf(co.scope, ['overlap', 'turn'], 'cooccursWith.scope');
    const codes = options.codes || co ? await r.listCodes() : [];
    const themes = options.themes ? await r.listThemes() : [];
    const hits = await querySegments(r, {
      codeIds: options.codes?.map((c) => findCode(codes, c, 'codes').id),
      themeIds: options.themes?.map((t) => findTheme(themes, t, 'themes').id),
      includeDescendants: co ? false : undefined,
      coders: options.coders,
      participantIds: options.participants,
      sites: options.sites,
      attributes: options.where,
      keyQuotesOnly: options.keyQuotesOnly,
    });
    if (!co) return hits;
    const others = await querySegments(r, { codeIds: [findCode(codes, co.code, 'cooccursWith.code').id], includeDescendants: false, coders: options.coders });
    return cooccurringSegments(hits, others, co.scope, co.scope === 'turn' ? await r.listTurns() : []);
  });
}

export interface QualCompareOptions {
  /** The two codes (id, path or name), each with its subcodes. */
  codes: readonly [string, string] | readonly string[];
  coders?: readonly string[];
  participants?: readonly string[];
  /** Sites by name or id. */
  sites?: readonly string[];
}

/**
 * Two codes side by side: each one's segments (with its subcodes', filtered as retrieval filters) and the
 * documents and participants they share, read on one snapshot.
 */
export async function qualCompareCodes(project: QualProject, options: QualCompareOptions): Promise<CodeComparison> {
  const names = options.codes ?? [];
  if (names.length !== 2) {
    throw new StaffwellError('invalid-option', `compare takes two codes, not ${names.length}`, { field: 'codes', value: names.join(', '), hint: 'name two codes (id, path or name)' });
  }
  return project.store.read(async (r) => {
    const codes = await r.listCodes();
    const [ca, cb] = [findCode(codes, names[0]!, 'codes[0]'), findCode(codes, names[1]!, 'codes[1]')];
    if (ca.id === cb.id) throw new StaffwellError('invalid-option', 'the two codes are the same code', { field: 'codes[1]', value: names[1], hint: 'choose another code to compare it with' });
    const paths = codePaths(codes);
    const filters = { coders: options.coders, participantIds: options.participants, sites: options.sites };
    const [aHits, bHits, docs] = await Promise.all([querySegments(r, { codeIds: [ca.id], ...filters }), querySegments(r, { codeIds: [cb.id], ...filters }), r.listDocuments()]);
    return compareCodes({ codeId: ca.id, code: paths.get(ca.id)! }, aHits, { codeId: cb.id, code: paths.get(cb.id)! }, bHits, docs.map((d) => d.id));
  });
}

/** Keyword in context: a word, a phrase, or a prefix ending in `*`. */
export function qualKwic(project: QualProject, options: { query: string; context?: number; documents?: readonly string[]; limit?: number }): Promise<KwicHit[]> {
  return project.store.read((r) => kwic(r, options.query, { context: options.context, documentIds: options.documents, limit: options.limit }));
}

export function qualMemos(project: QualProject, options: { from?: string; to?: string; targetKind?: StoredMemoTarget['kind'] } = {}): Promise<MemoEntry[]> {
  return project.store.read((r) => memoTimeline(r, options));
}

/** Themes in hierarchy order, with depth. */
export function qualThemes(project: QualProject): Promise<{ theme: ThemeRow; depth: number }[]> {
  return project.store.listThemes().then(themeTree);
}

export function qualThemeTable(project: QualProject, options: { theme: string; quotes?: number }): Promise<ThemeTable> {
  return project.store.read(async (r) => themeTable(r, findTheme(await r.listThemes(), options.theme).id, { quotes: options.quotes }));
}

export function qualThemeRecurrence(project: QualProject): ReturnType<typeof themeRecurrence> {
  return project.store.read((r) => themeRecurrence(r));
}

export function qualModel(project: QualProject): Promise<GtModel> {
  return project.store.read((r) => groundedTheoryModel(r));
}

/** The audit log, oldest first: all of it, or the last `limit` commands (of one actor). */
export async function qualHistory(project: QualProject, options: { limit?: number; actor?: string } = {}): Promise<CommandRecord[]> {
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new StaffwellError('invalid-option', 'the limit must be a positive whole number', { field: 'limit', value: options.limit });
  }
  const rows = await project.store.listCommands({ actor: options.actor, limit: options.limit, descending: options.limit !== undefined });
  return options.limit !== undefined ? rows.reverse() : rows;
}

/** Resolves coder names to ids (an unknown name is an error that lists the coders). */
export async function qualCoderIds(r: QualReader, names: readonly string[], field = 'coders'): Promise<string[]> {
  const out: string[] = [];
  for (const n of names) {
    const c = await r.getCoderByName(n);
    if (!c) {
      const all = await r.listCoders();
      throw new StaffwellError('not-found', 'no coder with this name', { field, value: n, hint: `coders: ${all.map((x) => x.name).join(', ') || '(none yet)'}` });
    }
    out.push(c.id);
  }
  return out;
}
