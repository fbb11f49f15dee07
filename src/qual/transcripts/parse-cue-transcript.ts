import { StaffwellError } from '../../errors.ts';
import { splitVoices, splitNamePrefix } from './cue-text.ts';
import { mergeCues, speakersOf } from './merge-cues.ts';
import { parseCueFile } from './parse-cue-file.ts';
import { acceptNameCandidates, nameCandidate } from './resolve-speakers.ts';
import type { ParsedTranscript, TranscriptCue, TranscriptDialect, TranscriptWarning } from './transcript-types.ts';

const WEBEX_ID = /^\d+\s+"(.+)"\s+\(\d+\)$/;

/**
 * A WebVTT or SRT transcript (text already decoded, LF line endings) to turns.
 *
 * Speakers come from, in order: the `<v Name>` voice span (Teams), a WebEx cue id `1 "Name" (123)`, or a
 * `Name: text` prefix of the cue text (Zoom, SRT). A cue with no speaker of its own continues the speaker of the
 * cue before it when the file marks speakers at all (SRT exports often label only the first cue of a turn).
 */
export function parseCueTranscript(
  file: string,
  text: string,
  kind: 'webvtt' | 'srt',
  opts: { mergeGapMs: number; namePrefixes: boolean },
): ParsedTranscript {
  const { cues: raw, warnings } = parseCueFile(file, text, kind);
  if (raw.length === 0) {
    throw new StaffwellError('format', 'the file has no cues', {
      file,
      hint: kind === 'webvtt'
        ? 'A WebVTT transcript needs cues: a timing line "00:00:01.000 --> 00:00:04.000" followed by the text'
        : 'An SRT transcript needs cues: an index line, a timing line "00:00:01,000 --> 00:00:04,000" and the text',
    });
  }
  // One unit per voice segment of each cue.
  type Unit = { line: number; startMs: number; endMs: number; voice: string | null; idSpeaker: string | null; text: string };
  const units: Unit[] = [];
  for (const cue of raw) {
    const idm = cue.id === null ? null : WEBEX_ID.exec(cue.id);
    const idSpeaker = idm ? idm[1]!.trim() : null;
    for (const seg of splitVoices(cue.payload.join('\n'))) {
      units.push({ line: cue.line, startMs: cue.startMs, endMs: cue.endMs, voice: seg.voice, idSpeaker, text: seg.text });
    }
  }
  const voices = new Set<string>();
  for (const u of units) if (u.voice !== null) voices.add(u.voice);
  const unmarked = units.filter((u) => u.voice === null && u.idSpeaker === null);
  const accepted = acceptNameCandidates(unmarked.map((u) => nameCandidate(u.text, opts.namePrefixes)), voices);

  let dialect: TranscriptDialect = 'none';
  if (voices.size > 0) dialect = 'teams';
  else if (units.some((u) => u.idSpeaker !== null)) dialect = 'webex';

  const cues: TranscriptCue[] = [];
  let last: string | null = null;
  let anySpeaker = false;
  for (const u of units) {
    let speaker = u.voice ?? u.idSpeaker;
    let body = u.text;
    if (speaker === null && opts.namePrefixes) {
      const p = splitNamePrefix(body);
      if (p !== null && accepted.has(p.name)) {
        speaker = p.name;
        body = p.rest.trim();
        if (dialect === 'none') dialect = kind === 'webvtt' ? 'zoom' : 'prefixed';
      }
    }
    if (speaker !== null) anySpeaker = true;
    else if (anySpeaker) speaker = last;
    last = speaker;
    if (body === '') continue; // a bare "Name:" cue: nothing was said
    cues.push({ speaker, text: body, startMs: u.startMs, endMs: u.endMs, line: u.line });
  }
  if (cues.length === 0) {
    throw new StaffwellError('format', 'the cues contain no text', { file, hint: 'Check that this is the transcript and not an empty caption file' });
  }
  const turns = mergeCues(cues, opts.mergeGapMs, ' ');
  const allWarnings: TranscriptWarning[] = [...warnings];
  return { format: kind, dialect, turns, speakers: speakersOf(turns), warnings: allWarnings };
}
