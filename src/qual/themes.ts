import { StaffwellError } from '../errors.ts';
import { codePaths, withDescendants } from './lookup.ts';
import type { CodeRow, QualReader, ThemeRow } from './store/qual-store.ts';

/** A theme as a table: its codes, the participants who contribute to it (IPA recurrence) and key quotes. */
export interface ThemeTable {
  theme: { id: string; name: string; kind: ThemeRow['kind']; description: string };
  /** Subthemes (all levels below), in order. */
  subthemes: { id: string; name: string; kind: ThemeRow['kind']; depth: number }[];
  /** Codes linked to the theme or its subthemes (with their subcodes), and their segment counts. */
  codes: { id: string; code: string; segments: number }[];
  /** Participants with at least one segment of those codes, with counts; sorted by id. */
  participants: { id: string; segments: number }[];
  /** IPA recurrence across cases: how many of the project's participants contribute. */
  recurrence: { count: number; total: number; ids: string[] };
  /** Segments flagged as key quotes, else the first `quotes` segments in document order. */
  keyQuotes: { segmentId: string; documentId: string; documentName: string; participantId: string | null; code: string; text: string; flagged: boolean }[];
}

interface ThemeData {
  themes: ThemeRow[];
  links: { themeId: string; codeId: string }[];
  codes: CodeRow[];
}

async function themeData(store: QualReader): Promise<ThemeData> {
  const [themes, links, codes] = await Promise.all([store.listThemes(), store.listThemeCodes(), store.listCodes()]);
  return { themes, links, codes };
}

/** The theme (with its subthemes) and the codes linked to any of them, with their subcodes. */
function themeScope(data: ThemeData, themeId: string): { inTheme: Set<string>; codeIds: Set<string> } {
  const inTheme = withDescendants(data.themes, [themeId]);
  return { inTheme, codeIds: withDescendants(data.codes, data.links.filter((l) => inTheme.has(l.themeId)).map((l) => l.codeId)) };
}

export async function themeTable(store: QualReader, themeId: string, options: { quotes?: number } = {}): Promise<ThemeTable> {
  const [data, participants, docs] = await Promise.all([themeData(store), store.listParticipants(), store.listDocuments()]);
  const { themes, codes } = data;
  const byId = new Map(themes.map((t) => [t.id, t]));
  const theme = byId.get(themeId);
  if (!theme) throw new StaffwellError('not-found', 'no theme with this id', { field: 'themeId', value: themeId });
  const { inTheme, codeIds } = themeScope(data, themeId);
  const depthOf = (t: ThemeRow): number => {
    let d = 0;
    for (let p = t.parentId; p !== null && p !== themeId; p = byId.get(p)?.parentId ?? null) d++;
    return d;
  };
  const subthemes = themes.filter((t) => t.id !== themeId && inTheme.has(t.id)).map((t) => ({ id: t.id, name: t.name, kind: t.kind, depth: depthOf(t) }));
  const segs = codeIds.size ? await store.listSegments({ codeIds: [...codeIds] }) : [];
  const paths = codePaths(codes);
  const perCode = new Map<string, number>();
  const perParticipant = new Map<string, number>();
  for (const s of segs) {
    perCode.set(s.codeId, (perCode.get(s.codeId) ?? 0) + 1);
    if (s.participantId !== null) perParticipant.set(s.participantId, (perParticipant.get(s.participantId) ?? 0) + 1);
  }
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const n = options.quotes ?? 3;
  const flagged = segs.filter((s) => s.keyQuote);
  const quotes = (flagged.length > 0 ? flagged : segs.slice(0, n)).map((s) => ({
    segmentId: s.id,
    documentId: s.documentId,
    documentName: docName.get(s.documentId) ?? s.documentId,
    participantId: s.participantId,
    code: paths.get(s.codeId) ?? s.codeId,
    text: s.text,
    flagged: s.keyQuote,
  }));
  const ids = [...perParticipant.keys()].sort();
  return {
    theme: { id: theme.id, name: theme.name, kind: theme.kind, description: theme.description },
    subthemes,
    codes: [...codeIds].map((id) => ({ id, code: paths.get(id) ?? id, segments: perCode.get(id) ?? 0 })).sort((a, b) => a.code.localeCompare(b.code)),
    participants: ids.map((id) => ({ id, segments: perParticipant.get(id)! })),
    recurrence: { count: ids.length, total: participants.length, ids },
    keyQuotes: quotes,
  };
}

/** IPA recurrence table: for each theme (hierarchy order), which participants contribute, and how many. */
export async function themeRecurrence(store: QualReader): Promise<{ participants: string[]; rows: { themeId: string; name: string; kind: ThemeRow['kind']; depth: number; present: boolean[]; count: number }[] }> {
  const [data, all, segs] = await Promise.all([themeData(store), store.listParticipants(), store.listSegments({ withText: false })]);
  const participants = all.map((p) => p.id);
  const rows = [];
  for (const { theme, depth } of themeTree(data.themes)) {
    const { codeIds } = themeScope(data, theme.id);
    const set = new Set<string>();
    for (const s of segs) if (s.participantId !== null && codeIds.has(s.codeId)) set.add(s.participantId);
    rows.push({ themeId: theme.id, name: theme.name, kind: theme.kind, depth, present: participants.map((p) => set.has(p)), count: set.size });
  }
  return { participants, rows };
}

/** The recurrence table as rows of text for CSV or XLSX: theme (indented by level), kind, one 1/0 column per participant, count, total. */
export function recurrenceRows(r: Awaited<ReturnType<typeof themeRecurrence>>): string[][] {
  const total = String(r.participants.length);
  return [
    ['theme', 'kind', 'level', ...r.participants, 'participants', 'of'],
    ...r.rows.map((x) => [x.name, x.kind, String(x.depth), ...x.present.map((b) => (b ? '1' : '0')), String(x.count), total]),
  ];
}

/** Themes in hierarchy order with depth. */
export function themeTree(themes: readonly ThemeRow[]): { theme: ThemeRow; depth: number }[] {
  const out: { theme: ThemeRow; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of themes.filter((x) => x.parentId === parent).sort((a, b) => a.position - b.position)) {
      out.push({ theme: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
