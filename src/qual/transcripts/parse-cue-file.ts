import { StaffwellError } from '../../errors.ts';
import { nearMissTiming, parseTimingLine, formatMs } from './cue-timing.ts';
import type { TranscriptWarning } from './transcript-types.ts';

/** A cue as written in a WebVTT or SRT file, before speakers are resolved. */
export interface RawCue {
  /** 1-based line of the timing line. */
  line: number;
  /** Cue identifier (WebVTT id, SRT index), or null. */
  id: string | null;
  startMs: number;
  endMs: number;
  /** Payload lines, as written. */
  payload: string[];
}

export interface CueFile {
  cues: RawCue[];
  warnings: TranscriptWarning[];
}

const HINT_TIME = 'Fix the time on that line (hh:mm:ss.ttt, e.g. 00:01:02.500) or re-export the transcript';

/**
 * Reads the cue blocks of a WebVTT (`kind: 'webvtt'`) or SRT (`kind: 'srt'`) file whose line endings are LF.
 *
 * Text that belongs to no cue (a block without a timing line, e.g. after a stray blank line inside a cue) is
 * added to the cue above with a warning; text before the first cue is an error. NOTE, STYLE and REGION blocks
 * (WebVTT) are comments and styling, not speech, and are skipped.
 */
export function parseCueFile(file: string, text: string, kind: 'webvtt' | 'srt'): CueFile {
  const lines = text.split('\n');
  const warnings: TranscriptWarning[] = [];
  const cues: RawCue[] = [];
  let i = 0;
  if (kind === 'webvtt') {
    const first = lines[0] ?? '';
    if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) {
      throw new StaffwellError('format', 'a WebVTT file must start with the line "WEBVTT"', {
        file,
        line: 1,
        value: first,
        hint: first.includes('-->') || /^\d+$/.test(first.trim())
          ? 'This looks like an SRT file: rename it to .srt, or add a first line "WEBVTT" and a blank line'
          : 'Add a first line "WEBVTT" followed by a blank line, or re-export the transcript from Teams or Zoom',
      });
    }
    i = 1;
    // Header lines run to the first blank line.
    while (i < lines.length && lines[i]!.trim() !== '') {
      if (lines[i]!.includes('-->')) {
        warnings.push({ line: i + 1, message: 'no blank line after the WEBVTT header; read the cue anyway' });
        break;
      }
      i++;
    }
  }

  type Pending = { line: number; text: string };
  let pending: Pending[] = [];
  let state: 'between' | 'cue' | 'skip' = 'between';
  let current: RawCue | null = null;
  let warnedMark = false;

  const stray = (items: Pending[]) => {
    if (items.length === 0) return;
    const target = cues.at(-1);
    if (target === undefined) {
      throw new StaffwellError('format', 'text before the first cue (a block without a timing line)', {
        file,
        line: items[0]!.line,
        value: items[0]!.text,
        hint: kind === 'webvtt'
          ? 'Each cue needs a timing line "00:00:01.000 --> 00:00:04.000" before its text; start comments with "NOTE"'
          : 'Each cue needs an index line and a timing line "00:00:01,000 --> 00:00:04,000" before its text',
      });
    }
    target.payload.push(...items.map((p) => p.text));
    warnings.push({
      line: items[0]!.line,
      message: `text without a cue timing line (${items.length} line${items.length === 1 ? '' : 's'}) was added to the cue at line ${target.line}`,
    });
  };

  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') {
      if (state === 'between') {
        stray(pending);
        pending = [];
      }
      state = 'between';
      current = null;
      continue;
    }
    if (state === 'skip') continue;
    const near = raw.includes('-->') ? null : nearMissTiming(raw);
    if (near !== null) throw nearMissError(file, lineNo, raw, near);
    if (raw.includes('-->')) {
      const t = parseTimingLine(raw);
      if (!t.ok) throw new StaffwellError('format', t.problem, { file, line: lineNo, value: t.value, hint: HINT_TIME });
      if (t.endMs < t.startMs) {
        throw new StaffwellError('format', `cue ends (${formatMs(t.endMs)}) before it starts (${formatMs(t.startMs)})`, {
          file,
          line: lineNo,
          value: raw.trim(),
          hint: HINT_TIME,
        });
      }
      if (!warnedMark && t.decimalMark !== null && t.decimalMark !== (kind === 'webvtt' ? '.' : ',')) {
        warnedMark = true;
        warnings.push({
          line: lineNo,
          message: kind === 'webvtt'
            ? 'WebVTT times use a decimal point; decimal commas (SRT style) were accepted'
            : 'SRT times use a decimal comma; decimal points (WebVTT style) were accepted',
        });
      }
      let id: string | null = null;
      if (state === 'cue' && current !== null) {
        // A new cue without a blank line before it. Its id, if any, was read as the previous cue's text.
        const last: string | undefined = (current as RawCue).payload.at(-1);
        if (last !== undefined && isLikelyCueId(last)) {
          (current as RawCue).payload.pop();
          id = last.trim();
        }
        warnings.push({ line: lineNo, message: 'cue starts without a blank line before it' });
      } else if (pending.length > 0) {
        id = pending.pop()!.text.trim();
        stray(pending);
      }
      pending = [];
      const prev = cues.at(-1);
      if (prev !== undefined && t.startMs < prev.startMs) {
        warnings.push({ line: lineNo, message: `cue starts at ${formatMs(t.startMs)}, before the cue above (${formatMs(prev.startMs)}); kept in file order` });
      }
      current = { line: lineNo, id, startMs: t.startMs, endMs: t.endMs, payload: [] };
      cues.push(current);
      state = 'cue';
      continue;
    }
    if (state === 'cue') {
      current!.payload.push(raw);
      continue;
    }
    // state === 'between'
    if (kind === 'webvtt' && pending.length === 0 && /^(?:NOTE(?:[ \t]|$)|STYLE[ \t]*$|REGION[ \t]*$)/.test(raw)) {
      state = 'skip';
      continue;
    }
    pending.push({ line: lineNo, text: raw });
  }
  if (state === 'between') stray(pending);
  return { cues, warnings };
}

/** A line that is almost a cue timing line: an error naming it (it would otherwise be read as speech). */
export function nearMissError(file: string, line: number, raw: string, separator: string): StaffwellError {
  return new StaffwellError('format', `this line is almost a cue timing line, but its times are separated by ${separator}, not "-->"`, {
    file,
    line,
    value: raw.trim(),
    hint: 'write the timing as "00:00:05.000 --> 00:00:08.000" (two hyphens and ">"), or re-export the transcript',
  });
}

/** Numeric ids (Zoom, SRT), Teams `guid/n-m` ids, WebEx `1 "Name" (123)` ids. */
function isLikelyCueId(s: string): boolean {
  const t = s.trim();
  return /^\d+$/.test(t) || /^[A-Za-z0-9-]+\/\d+-\d+$/.test(t) || /^\d+\s+".*"\s+\(\d+\)$/.test(t);
}
