/**
 * Two codes side by side (retrieval's "compare two codes"): each code's segments, and the documents and participants
 * they share. A pure function of the two lists of hits, so the service reads both on one snapshot and the CLI,
 * the server and a test get the same object.
 */
import type { SegmentHit } from './queries.ts';

export interface CodeComparisonSide {
  codeId: string;
  /** `Parent/Child` path of the code. */
  code: string;
  /** Its segments (with its subcodes'), in document order. */
  segments: SegmentHit[];
}

export interface CodeComparison {
  a: CodeComparisonSide;
  b: CodeComparisonSide;
  /** Every document with a segment of either code, in document order, with each code's segment count there. */
  documents: { documentId: string; documentName: string; a: number; b: number }[];
  /** Every participant with a segment of either code (by id), with each code's segment count. */
  participants: { participantId: string; a: number; b: number }[];
  /** How many of those documents and participants have segments of both codes. */
  shared: { documents: number; participants: number };
}

/** `documentOrder`: the project's document ids in order (default: as the hits first name them, A's then B's). */
export function compareCodes(
  a: Omit<CodeComparisonSide, 'segments'>,
  aHits: readonly SegmentHit[],
  b: Omit<CodeComparisonSide, 'segments'>,
  bHits: readonly SegmentHit[],
  documentOrder: readonly string[] = [],
): CodeComparison {
  const docs = new Map<string, { documentId: string; documentName: string; a: number; b: number; order: number }>();
  const people = new Map<string, { participantId: string; a: number; b: number }>();
  const rank = new Map<string, number>();
  for (const id of documentOrder) if (!rank.has(id)) rank.set(id, rank.size);
  for (const h of [...aHits, ...bHits]) if (!rank.has(h.documentId)) rank.set(h.documentId, rank.size);
  const count = (hits: readonly SegmentHit[], side: 'a' | 'b') => {
    for (const h of hits) {
      const d = docs.get(h.documentId) ?? { documentId: h.documentId, documentName: h.documentName, a: 0, b: 0, order: rank.get(h.documentId)! };
      d[side]++;
      docs.set(h.documentId, d);
      if (h.participantId === null) continue;
      const p = people.get(h.participantId) ?? { participantId: h.participantId, a: 0, b: 0 };
      p[side]++;
      people.set(h.participantId, p);
    }
  };
  count(aHits, 'a');
  count(bHits, 'b');
  const documents = [...docs.values()].sort((x, y) => x.order - y.order).map(({ order: _, ...d }) => d);
  const participants = [...people.values()].sort((x, y) => (x.participantId < y.participantId ? -1 : x.participantId > y.participantId ? 1 : 0));
  return {
    a: { ...a, segments: [...aHits] },
    b: { ...b, segments: [...bHits] },
    documents,
    participants,
    shared: { documents: documents.filter((d) => d.a > 0 && d.b > 0).length, participants: participants.filter((p) => p.a > 0 && p.b > 0).length },
  };
}
