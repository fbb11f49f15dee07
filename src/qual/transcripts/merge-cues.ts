import type { TranscriptCue, TranscriptTurn } from './transcript-types.ts';

/**
 * Merges consecutive cues of the same (non-null) speaker into turns. Two cues merge when the silence between
 * them (`next.startMs - previous.endMs`) is at most `gapMs`; when either time is unknown they merge (the file
 * gives no reason to split). Cues with `speaker: null` are never merged. Texts are joined with `joiner`.
 */
export function mergeCues(cues: readonly TranscriptCue[], gapMs: number, joiner = ' '): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const cue of cues) {
    const prev = turns.at(-1);
    if (prev !== undefined && cue.speaker !== null && prev.speaker === cue.speaker && withinGap(prev, cue, gapMs)) {
      prev.text = prev.text === '' ? cue.text : prev.text + joiner + cue.text;
      if (cue.endMs !== null) prev.endMs = prev.endMs === null ? cue.endMs : Math.max(prev.endMs, cue.endMs);
      continue;
    }
    turns.push({ speaker: cue.speaker, text: cue.text, startMs: cue.startMs, endMs: cue.endMs, sourceLine: cue.line });
  }
  return turns;
}

function withinGap(prev: TranscriptTurn, cue: TranscriptCue, gapMs: number): boolean {
  if (prev.endMs === null || cue.startMs === null) return true;
  return cue.startMs - prev.endMs <= gapMs;
}

/** Distinct non-null speakers in order of first appearance. */
export function speakersOf(turns: readonly { speaker: string | null }[]): string[] {
  const seen = new Set<string>();
  for (const t of turns) if (t.speaker !== null) seen.add(t.speaker);
  return [...seen];
}
