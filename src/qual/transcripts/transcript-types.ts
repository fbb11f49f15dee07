/**
 * Plain data produced by the transcript parsers. Pure data: no display logic, no I/O.
 */

/** The container format the transcript was read from. */
export type TranscriptFormat = 'webvtt' | 'srt' | 'docx' | 'text';

/**
 * How speakers were marked in the file:
 * - `teams`: WebVTT `<v Name>` voice tags (Microsoft Teams), or a Teams .docx ("Name   0:03" header lines);
 * - `zoom`: `Name: text` at the start of each cue (Zoom cloud recordings, many SRT exports);
 * - `webex`: WebEx cue identifiers `1 "Shmo, Jonathan" (1838608384)`;
 * - `prefixed`: `Name:` / `I:` / `P:` prefixes in a plain text or .docx transcript;
 * - `none`: no speakers recognised (every turn has `speaker: null`).
 */
export type TranscriptDialect = 'teams' | 'zoom' | 'webex' | 'prefixed' | 'none';

export interface TranscriptTurn {
  /** The speaker's name as written in the file (a display name: never put it in coded text), or null if unknown. */
  speaker: string | null;
  /** What was said, with markup removed and entities decoded. Contains no blank lines. */
  text: string;
  /** Start of the turn in the recording, in milliseconds, or null if the file has no times. */
  startMs: number | null;
  /** End of the turn in the recording, in milliseconds, or null if unknown. */
  endMs: number | null;
  /**
   * 1-based line where the turn starts, as an editor shows it: the timing line of the first cue for WebVTT/SRT,
   * the first line of the turn for text; for .docx, the paragraph number in the document body.
   */
  sourceLine: number;
}

export interface TranscriptWarning {
  /** 1-based line (paragraph for .docx) the warning is about, or null for the whole file. */
  line: number | null;
  message: string;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  dialect: TranscriptDialect;
  turns: TranscriptTurn[];
  /** Distinct non-null speakers in order of first appearance. */
  speakers: string[];
  warnings: TranscriptWarning[];
}

export interface ParseTranscriptOptions {
  /**
   * Consecutive timed cues of one speaker are merged into one turn unless the silence between them (next start
   * minus previous end) exceeds this many milliseconds. Default 5000 (see `DEFAULT_MERGE_GAP_MS`).
   * `Infinity` never splits; 0 splits at any gap.
   */
  mergeGapMs?: number;
  /** Skip detection and read the file as this format. */
  format?: TranscriptFormat;
  /**
   * Recognise `Name: text` speaker prefixes in cues and text lines. Default true. Set false for transcripts
   * whose speech often starts with "Something: ..." and has no speaker names.
   */
  namePrefixes?: boolean;
}

/** One timed (or untimed) piece of speech before merging into turns. Internal to the parsers. */
export interface TranscriptCue {
  speaker: string | null;
  text: string;
  startMs: number | null;
  endMs: number | null;
  line: number;
}

/**
 * Default for `mergeGapMs`: 5 seconds. Zoom cuts one speaker's speech into cues every 5–10 seconds with no or
 * sub-second gaps, and Teams leaves 1–3 second gaps at hesitations; neither should split a turn. A silence longer
 * than 5 s inside one speaker's speech is usually a real pause (the interviewer let the participant think, a
 * break in the recording) and is kept visible as a new turn.
 */
export const DEFAULT_MERGE_GAP_MS = 5000;
