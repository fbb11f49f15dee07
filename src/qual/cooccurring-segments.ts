import type { CooccurrenceScope } from './matrices.ts';

interface Span {
  segmentId: string;
  documentId: string;
  start: number;
  end: number;
}

/**
 * The segments of `hits` that co-occur with one of `others`, as the co-occurrence matrix counts them: in the same
 * document, overlapping (`overlap`), or in a speaker turn both touch (`turn`; `turns` in text order). A segment never
 * co-occurs with itself. What a matrix cell counts (pairs, or turns) and what this lists (the segments involved)
 * differ by design: the list is what a researcher reads to check the cell.
 */
export function cooccurringSegments<T extends Span>(hits: readonly T[], others: readonly Span[], scope: CooccurrenceScope, turns: readonly { documentId: string; start: number; end: number }[] = []): T[] {
  const byDoc = new Map<string, Span[]>();
  for (const o of others) (byDoc.get(o.documentId) ?? byDoc.set(o.documentId, []).get(o.documentId)!).push(o);
  if (scope === 'overlap') {
    return hits.filter((h) => (byDoc.get(h.documentId) ?? []).some((o) => o.segmentId !== h.segmentId && o.start < h.end && h.start < o.end));
  }
  const turnsOf = new Map<string, { start: number; end: number }[]>();
  for (const t of turns) (turnsOf.get(t.documentId) ?? turnsOf.set(t.documentId, []).get(t.documentId)!).push(t);
  const touched = (s: Span): Set<number> => {
    const out = new Set<number>();
    (turnsOf.get(s.documentId) ?? []).forEach((t, i) => t.start < s.end && s.start < t.end && out.add(i));
    return out;
  };
  const otherTurns = new Map(others.map((o) => [o, touched(o)]));
  return hits.filter((h) => {
    const mine = touched(h);
    return (byDoc.get(h.documentId) ?? []).some((o) => o.segmentId !== h.segmentId && [...otherTurns.get(o)!].some((i) => mine.has(i)));
  });
}
