import { codePaths, codeTree } from './lookup.ts';
import { siteOfSegment } from './queries.ts';
import type { QualReader, SegmentRow } from './store/qual-store.ts';

/**
 * Code matrices: code × participant and code × site (counts, and the coded text for a framework matrix), and
 * code co-occurrence. Counts are flat `Int32Array`s, row-major (`counts[r * cols.length + c]`); no object per cell.
 */
export interface MatrixAxis {
  id: string;
  label: string;
}

export interface CodeMatrix {
  rows: MatrixAxis[];
  cols: MatrixAxis[];
  /** Number of coded segments per cell, row-major. */
  counts: Int32Array;
  /** With `text: true`: the coded text of each cell's segments, row-major (a framework matrix). */
  texts?: string[][];
  /** What a column is. */
  by: 'participant' | 'site';
}

export interface CodeMatrixOptions {
  by: 'participants' | 'sites';
  /** Codes to show as rows (default every code, in hierarchy order). */
  codeIds?: readonly string[];
  /** Coder ids (default all). */
  coderIds?: readonly string[];
  /** Keep the coded text of each cell. */
  text?: boolean;
  /** Leave out rows and columns with no segments (default false). */
  dropEmpty?: boolean;
}

/**
 * Code × participant or code × site matrix. A segment belongs to the participant of the turn it starts in (or the
 * document's participant when the document has no turns); to the document's site, else its participant's site.
 * Segments with no participant (the interviewer's turns) or no site count in no column.
 */
export async function codeMatrix(store: QualReader, options: CodeMatrixOptions): Promise<CodeMatrix> {
  const [codes, participants, sites, docs, segs] = await Promise.all([
    store.listCodes(),
    store.listParticipants(),
    store.listSites(),
    store.listDocuments(),
    store.listSegments({ codeIds: options.codeIds, coderIds: options.coderIds, withText: options.text === true }),
  ]);
  const paths = codePaths(codes);
  const wanted = options.codeIds ? new Set(options.codeIds) : undefined;
  const rows: MatrixAxis[] = codeTree(codes)
    .filter((t) => !wanted || wanted.has(t.code.id))
    .map((t) => ({ id: t.code.id, label: paths.get(t.code.id)! }));
  const byParticipant = options.by === 'participants';
  const cols: MatrixAxis[] = byParticipant
    ? participants.map((p) => ({ id: p.id, label: p.id }))
    : sites.map((s) => ({ id: s.id, label: s.name }));
  const rowIx = new Map(rows.map((r, i) => [r.id, i]));
  const colIx = new Map(cols.map((c, i) => [c.id, i]));
  const docSite = new Map(docs.map((d) => [d.id, d.siteId]));
  const pById = new Map(participants.map((p) => [p.id, p]));
  const nc = cols.length;
  const counts = new Int32Array(rows.length * nc);
  const texts: string[][] | undefined = options.text ? Array.from({ length: counts.length }, () => []) : undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const r = rowIx.get(s.codeId);
    if (r === undefined) continue;
    const key = byParticipant ? s.participantId : siteOfSegment(s, docSite.get(s.documentId) ?? null, pById);
    if (key === null) continue;
    const c = colIx.get(key);
    if (c === undefined) continue;
    counts[r * nc + c]++;
    if (texts) texts[r * nc + c].push(s.text);
  }
  const m: CodeMatrix = { rows, cols, counts, texts, by: byParticipant ? 'participant' : 'site' };
  return options.dropEmpty ? dropEmpty(m) : m;
}

function dropEmpty(m: CodeMatrix): CodeMatrix {
  const nc = m.cols.length;
  const keepR = m.rows.map((_, r) => m.counts.subarray(r * nc, (r + 1) * nc).some((v) => v > 0));
  const keepC = m.cols.map((_, c) => m.rows.some((_, r) => m.counts[r * nc + c] > 0));
  const rows = m.rows.filter((_, r) => keepR[r]);
  const cols = m.cols.filter((_, c) => keepC[c]);
  const counts = new Int32Array(rows.length * cols.length);
  const texts = m.texts ? [] as string[][] : undefined;
  let k = 0;
  for (let r = 0; r < m.rows.length; r++) {
    if (!keepR[r]) continue;
    for (let c = 0; c < nc; c++) {
      if (!keepC[c]) continue;
      counts[k++] = m.counts[r * nc + c];
      texts?.push(m.texts![r * nc + c]);
    }
  }
  return { ...m, rows, cols, counts, texts };
}

export type CooccurrenceScope = 'overlap' | 'turn';

export interface Cooccurrence {
  codes: MatrixAxis[];
  /**
   * Symmetric, row-major. `overlap`: off-diagonal = number of pairs of segments (of the two codes, in the same
   * document, any coders) whose ranges overlap; diagonal = number of segments of the code. `turn`: off-diagonal =
   * number of speaker turns containing (any part of) segments of both codes; diagonal = turns containing the code.
   */
  counts: Int32Array;
  scope: CooccurrenceScope;
}

/** Code co-occurrence within a document (overlapping segments) or within the same speaker turn. */
export async function cooccurrence(
  store: QualReader,
  options: { scope?: CooccurrenceScope; codeIds?: readonly string[]; coderIds?: readonly string[] } = {},
): Promise<Cooccurrence> {
  const scope = options.scope ?? 'overlap';
  const [codes, segs] = await Promise.all([store.listCodes(), store.listSegments({ codeIds: options.codeIds, coderIds: options.coderIds, withText: false })]);
  const paths = codePaths(codes);
  const wanted = options.codeIds ? new Set(options.codeIds) : undefined;
  const axis = codeTree(codes)
    .filter((t) => !wanted || wanted.has(t.code.id))
    .map((t) => ({ id: t.code.id, label: paths.get(t.code.id)! }));
  const ix = new Map(axis.map((a, i) => [a.id, i]));
  const n = axis.length;
  const counts = new Int32Array(n * n);
  const byDoc = groupByDocument(segs);
  if (scope === 'overlap') {
    for (const list of byDoc.values()) {
      // segments arrive sorted by start within a document
      for (let i = 0; i < list.length; i++) {
        const a = ix.get(list[i].codeId);
        if (a === undefined) continue;
        counts[a * n + a]++;
        for (let j = i + 1; j < list.length && list[j].start < list[i].end; j++) {
          const b = ix.get(list[j].codeId);
          if (b === undefined || b === a) continue;
          counts[a * n + b]++;
          counts[b * n + a]++;
        }
      }
    }
  } else {
    const turnsByDoc = new Map<string, { start: number; end: number }[]>();
    for (const t of await store.listTurns()) (turnsByDoc.get(t.documentId) ?? turnsByDoc.set(t.documentId, []).get(t.documentId)!).push(t);
    for (const [docId, list] of byDoc) {
      const turns = turnsByDoc.get(docId) ?? []; // in idx order, which is text order
      // (turn, code) pairs present, as numbers turn * n + code, deduplicated
      const present = new Set<number>();
      for (const s of list) {
        const c = ix.get(s.codeId);
        if (c === undefined) continue;
        for (let t = firstTurnEndingAfter(turns, s.start); t < turns.length && turns[t].start < s.end; t++) present.add(t * n + c);
      }
      const keys = Int32Array.from(present).sort();
      for (let i = 0; i < keys.length; ) {
        const turn = Math.floor(keys[i] / n);
        let j = i;
        while (j < keys.length && Math.floor(keys[j] / n) === turn) j++;
        for (let a = i; a < j; a++) for (let b = i; b < j; b++) counts[(keys[a] % n) * n + (keys[b] % n)]++;
        i = j;
      }
    }
  }
  return { codes: axis, counts, scope };
}

function firstTurnEndingAfter(turns: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupByDocument(segs: readonly SegmentRow[]): Map<string, SegmentRow[]> {
  const m = new Map<string, SegmentRow[]>();
  for (const s of segs) (m.get(s.documentId) ?? m.set(s.documentId, []).get(s.documentId)!).push(s);
  return m;
}

/** A matrix as rows of strings (header first) for CSV/XLSX: counts, or with `text` the joined coded text. */
export function matrixRows(m: CodeMatrix | Cooccurrence, options: { text?: boolean; separator?: string } = {}): string[][] {
  const rows = 'rows' in m ? m.rows : m.codes;
  const cols = 'rows' in m ? m.cols : m.codes;
  const texts = 'texts' in m ? m.texts : undefined;
  const sep = options.separator ?? '\n\n';
  const out: string[][] = [['code', ...cols.map((c) => c.label)]];
  for (let r = 0; r < rows.length; r++) {
    const line = [rows[r].label];
    for (let c = 0; c < cols.length; c++) {
      const k = r * cols.length + c;
      line.push(options.text && texts ? texts[k].join(sep) : String(m.counts[k]));
    }
    out.push(line);
  }
  return out;
}
