import type { TurnRow } from './store/qual-store.ts';

/**
 * Speaker turns of a transcript: which turn an offset falls in, the participant a coded segment belongs to, and
 * turns rebuilt from `Label: ` paragraphs. Pure functions over rows.
 */

/** The turn whose range holds `offset` (or the last turn starting at or before it); turns sorted by start. */
export function turnAt<T extends { start: number }>(turns: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = turns.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best < 0 ? undefined : turns[best];
}

/**
 * Where a segment starting at `start` belongs: the participant and index of the turn it starts in, else (a
 * document without turns) the document's participant and no turn.
 */
export function placeInTurn(
  turns: readonly Pick<TurnRow, 'start' | 'idx' | 'participantId'>[],
  documentParticipant: string | null,
  start: number,
): { participantId: string | null; turnIdx: number | null } {
  const t = turnAt(turns, start);
  return t ? { participantId: t.participantId, turnIdx: t.idx } : { participantId: documentParticipant, turnIdx: null };
}

/**
 * Rebuilds speaker turns from a canonical text whose paragraphs start with `Label: ` (how Staffwell renders
 * transcripts; REFI-QDA keeps no turns): a paragraph whose label is a known participant id or `Interviewer`
 * starts a turn that runs to the end of the paragraph. Empty when no paragraph is labelled.
 */
export function turnsFromLabels(text: string, participants: ReadonlySet<string>): { speaker: string; participantId: string | null; start: number; end: number; startMs: null; endMs: null }[] {
  const out: { speaker: string; participantId: string | null; start: number; end: number; startMs: null; endMs: null }[] = [];
  const re = /(^|\n\n)([^\n:]{1,40}): /g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const label = m[2];
    if (!participants.has(label) && label !== 'Interviewer') continue;
    const start = m.index + m[1].length + label.length + 2;
    const next = text.indexOf('\n\n', start);
    out.push({ speaker: label, participantId: participants.has(label) ? label : null, start, end: next < 0 ? text.length : next, startMs: null, endMs: null });
  }
  return out;
}
