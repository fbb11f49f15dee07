import { codePaths, codeTree, withDescendants } from '../qual/lookup.ts';
import type { VariableValue } from '../qual/snapshot.ts';
import type { QualReader, ThemeRow } from '../qual/store/qual-store.ts';
import { themeTree } from '../qual/themes.ts';

/**
 * The qualitative side of a mixed-methods project as plain data, read on one snapshot: participants with their
 * attributes (by name), the codebook and themes in hierarchy order, and every anchored coded segment with the
 * participant whose turn it is in. Everything in src/mixed/ computes from this and {@link Respondents}; nothing
 * there reads the store again.
 */
export interface CodedParticipants {
  participants: { id: string; site: string | null; attributes: Record<string, VariableValue> }[];
  /** Hierarchy order. */
  codes: { id: string; path: string; name: string; depth: number }[];
  /** Hierarchy order. */
  themes: { id: string; name: string; kind: ThemeRow['kind']; depth: number }[];
  /** Code id -> the code and its subcodes (a code's segments count for it and every ancestor). */
  codeScope: Record<string, string[]>;
  /** Theme id -> the codes linked to it or its subthemes, with their subcodes. */
  themeCodes: Record<string, string[]>;
  /** Document position, then start. */
  segments: CodedSegment[];
}

export interface CodedSegment {
  id: string;
  documentName: string;
  codeId: string;
  participantId: string | null;
  start: number;
  end: number;
  text: string;
  keyQuote: boolean;
}

export async function loadCodedParticipants(reader: QualReader): Promise<CodedParticipants> {
  const [ps, vars, sites, codeRows, themeRows, links, segs, docs] = await Promise.all([
    reader.listParticipants(),
    reader.listVariables('participant'),
    reader.listSites(),
    reader.listCodes(),
    reader.listThemes(),
    reader.listThemeCodes(),
    reader.listSegments(),
    reader.listDocuments(),
  ]);
  const varName = new Map(vars.map((v) => [v.id, v.name]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const paths = codePaths(codeRows);
  const codeScope: Record<string, string[]> = {};
  for (const c of codeRows) codeScope[c.id] = [...withDescendants(codeRows, [c.id])];
  const themeCodes: Record<string, string[]> = {};
  for (const t of themeRows) {
    const inTheme = withDescendants(themeRows, [t.id]);
    themeCodes[t.id] = [...withDescendants(codeRows, links.filter((l) => inTheme.has(l.themeId)).map((l) => l.codeId))];
  }
  return {
    participants: ps.map((p) => ({
      id: p.id,
      site: p.siteId ? (siteName.get(p.siteId) ?? null) : null,
      attributes: Object.fromEntries(Object.entries(p.attributes).map(([k, v]) => [varName.get(k) ?? k, v])),
    })),
    codes: codeTree(codeRows).map(({ code, depth }) => ({ id: code.id, path: paths.get(code.id)!, name: code.name, depth })),
    themes: themeTree(themeRows).map(({ theme, depth }) => ({ id: theme.id, name: theme.name, kind: theme.kind, depth })),
    codeScope,
    themeCodes,
    segments: segs.map((s) => ({
      id: s.id,
      documentName: docName.get(s.documentId) ?? s.documentId,
      codeId: s.codeId,
      participantId: s.participantId,
      start: s.start,
      end: s.end,
      text: s.text,
      keyQuote: s.keyQuote,
    })),
  };
}

/** What a joint display's rows are: codes (each with its subcodes) or themes (each with its subthemes' codes). */
export type EvidenceUnit = 'codes' | 'themes';

/** The rows of a display: id, label and the set of code ids whose segments count for it. */
export function evidenceRows(q: CodedParticipants, unit: EvidenceUnit): { id: string; label: string; depth: number; codeIds: Set<string> }[] {
  return unit === 'codes'
    ? q.codes.map((c) => ({ id: c.id, label: c.path, depth: c.depth, codeIds: new Set(q.codeScope[c.id]) }))
    : q.themes.map((t) => ({ id: t.id, label: t.name, depth: t.depth, codeIds: new Set(q.themeCodes[t.id]) }));
}
