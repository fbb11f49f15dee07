import type { DocumentView } from './api.ts';

/**
 * The transcript as the reader draws it: blocks (speaker turns, or paragraphs for a document without turns),
 * segments packed into stripe lanes, and the mapping between offsets and blocks. Pure functions, no DOM.
 */
export interface Block {
  idx: number;
  speaker: string | null;
  participantId: string | null;
  start: number;
  end: number;
  startMs: number | null;
}

export type ViewSegment = DocumentView['segments'][number];

export function blocksOf(view: DocumentView): Block[] {
  if (view.turns.length > 0) {
    return view.turns.map((t) => ({ idx: t.idx, speaker: t.speaker, participantId: t.participantId, start: t.start, end: t.end, startMs: t.startMs }));
  }
  // no turns: paragraphs (blank-line separated), so a long plain text is still drawn block by block
  const out: Block[] = [];
  const re = /\n\s*\n/g;
  let at = 0;
  const push = (s: number, e: number) => {
    if (e > s) out.push({ idx: out.length, speaker: null, participantId: view.document.participantId, start: s, end: e, startMs: null });
  };
  for (let m = re.exec(view.text); m; m = re.exec(view.text)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, view.text.length);
  return out;
}

/** The block holding `offset` (binary search over starts); the last block before it when it falls between blocks. */
export function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Greedy lane packing (QualCoder's coding margin): each segment takes the first lane free at its start. */
export function packLanes(segments: readonly ViewSegment[]): { lane: Map<string, number>; lanes: number } {
  const sorted = [...segments].sort((a, b) => a.start - b.start || b.end - a.end);
  const ends: number[] = [];
  const lane = new Map<string, number>();
  for (const s of sorted) {
    let l = ends.findIndex((e) => e <= s.start);
    if (l < 0) l = ends.push(0) - 1;
    ends[l] = s.end;
    lane.set(s.id, l);
  }
  return { lane, lanes: ends.length };
}

export interface Stripe {
  segmentId: string;
  codeId: string;
  coderId: string;
  lane: number;
  /** Vertical place in the block, as fractions of its text (characters stand in for lines). */
  top: number;
  height: number;
}

/** Stripes per block index. */
export function stripesByBlock(blocks: readonly Block[], segments: readonly ViewSegment[], lane: Map<string, number>): Map<number, Stripe[]> {
  const out = new Map<number, Stripe[]>();
  for (const s of segments) {
    for (let i = blockAt(blocks, s.start); i < blocks.length && blocks[i].start < s.end; i++) {
      const b = blocks[i];
      const len = Math.max(1, b.end - b.start);
      const from = Math.max(s.start, b.start);
      const to = Math.min(s.end, b.end);
      if (to <= from) continue;
      const list = out.get(i) ?? out.set(i, []).get(i)!;
      list.push({ segmentId: s.id, codeId: s.codeId, coderId: s.coderId, lane: lane.get(s.id) ?? 0, top: (from - b.start) / len, height: (to - from) / len });
    }
  }
  return out;
}

/** Trims whitespace off both ends of a range; null when nothing is left. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** Moves an offset by one word (or one character) left or right, staying in 0..length. */
export function nudge(text: string, offset: number, dir: -1 | 1, byChar: boolean): number {
  if (byChar) return Math.min(text.length, Math.max(0, offset + dir));
  let i = offset;
  if (dir > 0) {
    while (i < text.length && /\s/.test(text[i])) i++;
    while (i < text.length && !/\s/.test(text[i])) i++;
  } else {
    while (i > 0 && /\s/.test(text[i - 1])) i--;
    while (i > 0 && !/\s/.test(text[i - 1])) i--;
  }
  return i;
}

/** Fuzzy match: every query character in order in `target`; lower score = better (earlier, tighter). */
export function fuzzyScore(query: string, target: string): number {
  const q = query.toLowerCase();
  const t = target.toLowerCase();
  if (q === '') return 0;
  const direct = t.indexOf(q);
  if (direct >= 0) return direct;
  let score = 100;
  let at = -1;
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1);
    if (next < 0) return Infinity;
    score += next - at;
    at = next;
  }
  return score;
}
