import type { SnapshotTurn } from '../snapshot.ts';

export interface RenderableTurn {
  speaker: string | null;
  text: string;
  startMs?: number | null;
  endMs?: number | null;
}

export interface RenderedTranscript {
  /** Canonical text: each turn as `Label: text`, turns separated by one blank line, no trailing newline. */
  text: string;
  /**
   * One entry per rendered turn. `start`/`end` (UTF-16 code units, end exclusive) cover the spoken text only,
   * not the `Label: ` prefix, so coding a whole turn codes what was said, and `text.slice(start, end)` is the
   * turn's (normalised) text. `speaker` is the label.
   */
  turns: SnapshotTurn[];
}

/**
 * Builds the canonical text of a document from turns. `speakerLabel` maps a speaker (display name from the
 * file, or null) to the label written in the text — the pseudonymous id chosen by the store (`P01`,
 * `Interviewer`); display names never enter the text. A label of "" writes the turn without a prefix.
 *
 * Normalisation of each turn's text: trimmed; blank lines inside it become single line breaks (so a blank line
 * always separates turns); other whitespace is kept. Turns whose text is empty after trimming are skipped.
 */
export function renderTranscript(
  turns: readonly RenderableTurn[],
  speakerLabel: (speaker: string | null) => string,
): RenderedTranscript {
  let text = '';
  const out: SnapshotTurn[] = [];
  for (const turn of turns) {
    const body = turn.text.trim().replace(/\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+/g, '\n');
    if (body === '') continue;
    const label = speakerLabel(turn.speaker);
    if (out.length > 0) text += '\n\n';
    if (label !== '') text += label + ': ';
    const start = text.length;
    text += body;
    out.push({ speaker: label, start, end: text.length, startMs: turn.startMs ?? null, endMs: turn.endMs ?? null });
  }
  return { text, turns: out };
}
