import { StaffwellError } from '../errors.ts';
import type { QualProject } from '../qual/project.ts';
import type { CoderRow, DocumentRow, RedactionRow, SegmentRow, TurnRow } from '../qual/store/qual-store.ts';

/**
 * What the web workspace reads that the CLI prints differently: a document's whole view (text, turns, segments,
 * replacement spans) on one snapshot, and the document list with coding progress.
 */

export interface DocumentSummary extends DocumentRow {
  /** Coded segments (anchored). */
  segments: number;
  /** Share of the text (0..1) covered by at least one segment. */
  coded: number;
  /** Speaker turns. */
  turns: number;
  /** Participants who speak in it (its turns' participants, or the document's own), in order of first turn. */
  participants: string[];
}

export function qualDocumentSummaries(project: QualProject): Promise<DocumentSummary[]> {
  return project.store.read(async (r) => {
    const [docs, segs, turns] = await Promise.all([r.listDocuments(), r.listSegments({ withText: false }), r.listTurns()]);
    const byDoc = new Map<string, SegmentRow[]>();
    for (const s of segs) (byDoc.get(s.documentId) ?? byDoc.set(s.documentId, []).get(s.documentId)!).push(s);
    const nTurns = new Map<string, number>();
    const speakers = new Map<string, Set<string>>();
    for (const t of turns) {
      nTurns.set(t.documentId, (nTurns.get(t.documentId) ?? 0) + 1);
      if (t.participantId) (speakers.get(t.documentId) ?? speakers.set(t.documentId, new Set()).get(t.documentId)!).add(t.participantId);
    }
    return docs.map((d) => {
      const list = byDoc.get(d.id) ?? [];
      const participants = [...(speakers.get(d.id) ?? [])];
      if (d.participantId && !participants.includes(d.participantId)) participants.unshift(d.participantId);
      return { ...d, segments: list.length, coded: d.length > 0 ? coveredLength(list) / d.length : 0, turns: nTurns.get(d.id) ?? 0, participants };
    });
  });
}

/** Characters covered by the union of the segments' ranges (segments sorted by start, as the store lists them). */
function coveredLength(segs: readonly SegmentRow[]): number {
  let total = 0;
  let end = -1;
  let start = -1;
  for (const s of [...segs].sort((a, b) => a.start - b.start)) {
    if (s.start > end) {
      if (end > start) total += end - start;
      start = s.start;
      end = s.end;
    } else if (s.end > end) end = s.end;
  }
  if (end > start) total += end - start;
  return total;
}

export interface DocumentView {
  document: DocumentRow;
  text: string;
  turns: TurnRow[];
  /** Segments without their text (the client slices it from `text`). */
  segments: Omit<SegmentRow, 'text'>[];
  redactions: RedactionRow[];
  coders: CoderRow[];
}

/** One document as the transcript view draws it, from one snapshot. */
export function qualDocumentView(project: QualProject, documentId: string): Promise<DocumentView> {
  return project.store.read(async (r) => {
    const doc = await r.getDocument(documentId);
    if (!doc) throw new StaffwellError('not-found', 'no document with this id', { field: 'documentId', value: documentId });
    const [turns, segs, redactions, coders] = await Promise.all([
      r.listTurns(doc.id),
      r.listSegments({ documentIds: [doc.id], withText: false }),
      r.listRedactions(doc.id),
      r.listCoders(),
    ]);
    const { text, ...document } = doc;
    return { document, text, turns, segments: segs.map(({ text: _t, ...s }) => s), redactions, coders };
  });
}
