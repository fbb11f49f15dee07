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
  // per document, how many of `others` touch each turn; a hit co-occurs where one other than itself does
  const touching = new Map<string, Map<number, number>>();
  for (const o of others) {
    const counts = touching.get(o.documentId) ?? touching.set(o.documentId, new Map()).get(o.documentId)!;
    for (const i of touched(o)) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const otherIds = new Set(others.map((o) => o.segmentId));
  return hits.filter((h) => {
    const counts = touching.get(h.documentId);
    const self = otherIds.has(h.segmentId) ? 1 : 0;
    return counts !== undefined && [...touched(h)].some((i) => (counts.get(i) ?? 0) - self > 0);
  });
}
