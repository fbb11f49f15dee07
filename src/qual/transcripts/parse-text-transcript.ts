import { StaffwellError } from '../../errors.ts';
import { isPlausibleSpeakerName, splitNamePrefix } from './cue-text.ts';
import { nearMissError } from './parse-cue-file.ts';
import { nearMissTiming } from './cue-timing.ts';
import { mergeCues, speakersOf } from './merge-cues.ts';
import { acceptNameCandidates } from './resolve-speakers.ts';
import type { ParsedTranscript, TranscriptCue, TranscriptFormat, TranscriptTurn, TranscriptWarning } from './transcript-types.ts';

/** `Name   0:03`, `Name  00:00:03`, `Name 1:02:03` (Teams .docx, newer and older layouts). */
const TEAMS_OFFSET_HEADER = /^(.+?)[ \t\u00a0]+(\d{1,3}:\d{2}(?::\d{2})?)$/;
/** `Name 10:30 AM` (Teams .docx with wall-clock times). */
const TEAMS_CLOCK_HEADER = /^(.+?)[ \t\u00a0]+(\d{1,2}:\d{2}(?::\d{2})?[ \t\u00a0]?[AaPp]\.?[Mm]\.?)$/;
/** `Name started transcription` / `stopped transcription` events. */
const TEAMS_EVENT = /^(.{1,80}?)\s+(?:started|stopped) transcription\.?$/i;
/** Leading time before a speaker prefix: `[00:01:02]`, `(1:02)`, `00:01:02`. */
const LEADING_TIME = /^(\[|\()?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)(?:\]|\))?[ \t]+/;
/** Time after the name: `Name (00:01:02): text`, `Name [1:02]: text`. */
const NAME_TIME = /^\*{0,2}([^:\n()[\]*]{1,63}?)\*{0,2}[ \t]*[[(](\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]\*{0,2}[ \t]*:\*{0,2}(?:[ \t]+|$)(.*)$/;

/**
 * Milliseconds of a Teams/transcript time `m:ss`, `mm:ss`, `h:mm:ss` (minutes may exceed 59 in `m:ss`), with an
 * optional 1–3 digit fraction, or NaN.
 */
export function parseLooseTime(s: string): number {
  const m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?$/.exec(s.trim());
  if (!m) return NaN;
  const frac = m[4] === undefined ? 0 : Math.round(Number('0.' + m[4]) * 1000);
  if (m[3] === undefined) {
    const sec = Number(m[2]);
    if (sec >= 60) return NaN;
    return (Number(m[1]) * 60 + sec) * 1000 + frac;
  }
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (min >= 60 || sec >= 60) return NaN;
  return (Number(m[1]) * 3600 + min * 60 + sec) * 1000 + frac;
}

interface LineInfo {
  lineNo: number;
  text: string;
  /** Starts a paragraph (first non-blank line after a blank line or the start). */
  paraStart: boolean;
}

interface PrefixParse {
  name: string;
  rest: string;
  timeMs: number | null;
}

function parsePrefixedLine(text: string): PrefixParse | null {
  const nt = NAME_TIME.exec(text);
  if (nt && isPlausibleSpeakerName(nt[1]!.trim())) {
    const ms = parseLooseTime(nt[2]!);
    return { name: nt[1]!.trim(), rest: nt[3]!, timeMs: Number.isNaN(ms) ? null : ms };
  }
  let timeMs: number | null = null;
  let body = text;
  const lt = LEADING_TIME.exec(text);
  if (lt) {
    const ms = parseLooseTime(lt[2]!);
    if (!Number.isNaN(ms)) {
      timeMs = ms;
      body = text.slice(lt[0].length);
    }
  }
  const p = splitNamePrefix(body);
  if (p === null) return null;
  return { name: p.name, rest: p.rest, timeMs };
}

/**
 * A plain-text transcript (.txt, .md, or the text of a .docx) to turns. Two layouts are recognised:
 *
 * - **Teams layout**: a header line `Name   0:03` / `Name  00:00:03` / `Name 10:30 AM` followed by the text;
 *   "Name started transcription" events are dropped with a warning (they are not speech).
 * - **Prefixed**: `Name: text`, `I: text`, `**Name:** text`, optionally with a time (`[00:01:02] Name: text`,
 *   `Name (00:01:02): text`). Lines without a prefix continue the current turn (a blank line does not end a turn).
 *
 * Without any speakers, each paragraph is one turn with `speaker: null`. Lines of one turn are joined with "\n";
 * blank lines inside a turn are dropped (the canonical text separates turns with blank lines).
 * `lineOf` converts a 1-based line of `text` into the number reported (paragraph numbers for .docx).
 */
export function parseTextTranscript(
  file: string,
  text: string,
  format: TranscriptFormat,
  opts: { mergeGapMs: number; namePrefixes: boolean; lineOf?: (line: number) => number },
): ParsedTranscript {
  const lineOf = opts.lineOf ?? ((n: number) => n);
  const warnings: TranscriptWarning[] = [];
  const lines: LineInfo[] = [];
  let prevBlank = true;
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/[ \t\u00a0]+$/, '').replace(/^[ \t\u00a0]+/, '');
    if (t === '') {
      prevBlank = true;
      return;
    }
    const near = nearMissTiming(t, true);
    if (near !== null) throw nearMissError(file, lineOf(i + 1), t, near);
    lines.push({ lineNo: i + 1, text: t, paraStart: prevBlank });
    prevBlank = false;
  });
  if (lines.length === 0) {
    throw new StaffwellError('format', 'the transcript has no text', {
      file,
      hint: 'Check that the file is the transcript and that it was saved with its content',
    });
  }

  // Teams layout?
  const teamsHeads = lines.map((l) => {
    const m = TEAMS_OFFSET_HEADER.exec(l.text) ?? TEAMS_CLOCK_HEADER.exec(l.text);
    if (!m) return null;
    const name = m[1]!.trim();
    return isPlausibleSpeakerName(name) ? name : null;
  });
  // Units for acceptance: header candidates and lines that are not the speech right under a candidate header.
  const teamsAccepted = acceptNameCandidates(teamsHeads.filter((h, i) => h !== null || i === 0 || teamsHeads[i - 1] === null));
  const nTeams = teamsHeads.filter((h) => h !== null && teamsAccepted.has(h)).length;

  const prefixCands = lines.map((l) => (opts.namePrefixes ? parsePrefixedLine(l.text) : null));
  const prefixUnits = lines
    .map((l, i) => (l.paraStart || prefixCands[i] !== null ? (prefixCands[i]?.name ?? null) : undefined))
    .filter((x): x is string | null => x !== undefined);
  const prefixAccepted = acceptNameCandidates(prefixUnits);
  const nPrefix = prefixCands.filter((p) => p !== null && prefixAccepted.has(p.name)).length;

  const useTeams = nTeams >= 2 && nTeams >= nPrefix;
  const cues: TranscriptCue[] = [];
  let current: TranscriptCue | null = null;
  let anySpeaker = false;
  let warnedClock = false;

  const startTurn = (speaker: string | null, startMs: number | null, line: number, body: string) => {
    current = { speaker, text: body, startMs, endMs: null, line: lineOf(line) };
    cues.push(current);
  };
  const append = (body: string) => {
    if (current === null) return;
    current.text = current.text === '' ? body : current.text + '\n' + body;
  };

  lines.forEach((l, i) => {
    if (useTeams) {
      const head = teamsHeads[i];
      if (head !== null && head !== undefined && teamsAccepted.has(head)) {
        const off = TEAMS_OFFSET_HEADER.exec(l.text);
        let ms: number | null = null;
        if (off) {
          const v = parseLooseTime(off[2]!);
          ms = Number.isNaN(v) ? null : v;
        } else if (!warnedClock) {
          warnedClock = true;
          warnings.push({ line: lineOf(l.lineNo), message: 'speaker headers give clock times (e.g. "10:30 AM"), not times in the recording; turn times left empty' });
        }
        anySpeaker = true;
        startTurn(head, ms, l.lineNo, '');
        return;
      }
      if (TEAMS_EVENT.test(l.text)) {
        warnings.push({ line: lineOf(l.lineNo), message: `Teams event "${l.text.replace(/^.*?\s+(started|stopped)/i, '… $1')}" is not speech and was left out` });
        return;
      }
    } else {
      const p = prefixCands[i];
      if (p !== null && p !== undefined && prefixAccepted.has(p.name)) {
        anySpeaker = true;
        startTurn(p.name, p.timeMs, l.lineNo, p.rest.trim());
        return;
      }
    }
    if (current !== null && (anySpeaker ? current.speaker !== null || !l.paraStart : !l.paraStart)) {
      append(l.text);
    } else {
      startTurn(null, null, l.lineNo, l.text);
    }
  });

  const kept = cues.filter((c) => c.text !== '');
  if (kept.length === 0) {
    throw new StaffwellError('format', 'the transcript has speaker names but no speech', {
      file,
      hint: 'Check that the text under each speaker was exported',
    });
  }
  // Explicit turns are kept apart; only Teams-layout blocks of the same speaker (a Teams export artefact) merge.
  const turns: TranscriptTurn[] = useTeams
    ? mergeCues(kept, opts.mergeGapMs, '\n')
    : kept.map((c) => ({ speaker: c.speaker, text: c.text, startMs: c.startMs, endMs: c.endMs, sourceLine: c.line }));
  return {
    format,
    dialect: useTeams ? 'teams' : anySpeaker ? 'prefixed' : 'none',
    turns,
    speakers: speakersOf(turns),
    warnings,
  };
}
