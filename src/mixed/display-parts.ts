import type { CodedSegment } from './coded-participants.ts';

/** Pieces shared by the joint displays: a suppressed score summary and quotes. */

/**
 * A score over a set of participants; with fewer than the threshold, no numbers (`suppressed`). No minimum or
 * maximum: each is one participant's own score, and a display lists who the participants are.
 */
export interface ScoreSummary {
  ref: string;
  label: string;
  /** Participants with a score. */
  n: number;
  mean: number | null;
  sd: number | null;
  suppressed: boolean;
}

export function scoreSummary(ref: string, label: string, values: readonly number[], minGroup: number): ScoreSummary {
  const xs = values.filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0 || n < minGroup) return { ref, label, n, mean: null, sd: null, suppressed: n > 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { ref, label, n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null, suppressed: false };
}

export interface DisplayQuote {
  segmentId: string;
  participantId: string | null;
  documentName: string;
  text: string;
  keyQuote: boolean;
}

/** Key quotes first (in document order), then the other segments, up to `n`. */
export function pickQuotes(segs: readonly CodedSegment[], n: number): DisplayQuote[] {
  const ordered = [...segs.filter((s) => s.keyQuote), ...segs.filter((s) => !s.keyQuote)];
  return ordered.slice(0, n).map(quoteOf);
}

export function quoteOf(s: CodedSegment): DisplayQuote {
  return { segmentId: s.id, participantId: s.participantId, documentName: s.documentName, text: s.text, keyQuote: s.keyQuote };
}
