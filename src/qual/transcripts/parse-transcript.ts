import { StaffwellError } from '../../errors.ts';
import { decodeTranscriptText, extensionOf } from './decode-transcript-text.ts';
import { isZip, parseDocxTranscript } from './parse-docx-transcript.ts';
import { parseCueTranscript } from './parse-cue-transcript.ts';
import { parseTextTranscript } from './parse-text-transcript.ts';
import {
  DEFAULT_MERGE_GAP_MS,
  type ParsedTranscript,
  type ParseTranscriptOptions,
  type TranscriptFormat,
} from './transcript-types.ts';

const FORMATS: readonly TranscriptFormat[] = ['webvtt', 'srt', 'docx', 'text'];

/**
 * The format of a transcript from its content, then its extension: a zip archive is .docx; text starting with
 * `WEBVTT` is WebVTT; a `.vtt` file is WebVTT (and fails on the missing header); `.srt`, or text whose first block
 * is an index line and a `-->` timing line, is SRT; anything else is plain text.
 */
export function detectTranscriptFormat(name: string, bytes: Uint8Array): TranscriptFormat {
  const ext = extensionOf(name);
  if (isZip(bytes) || ext === 'docx' || ext === 'doc') return 'docx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (/^WEBVTT(?:[ \t\n]|$)/.test(head)) return 'webvtt';
  if (ext === 'vtt' || ext === 'webvtt') return 'webvtt';
  if (ext === 'srt') return 'srt';
  if (/^\s*\d+\n[^\n]*-->/.test(head)) return 'srt';
  return 'text';
}

/**
 * Reads a transcript file — Microsoft Teams or Zoom WebVTT, SRT, Teams or plain .docx, .txt/.md with `Name:`
 * prefixes — into speaker turns. Pure: bytes in, data out.
 *
 * Malformed input throws `StaffwellError` with code `format` naming the file and the line (bad or reversed cue
 * times, a .vtt without the WEBVTT header, an empty file, a .docx that is not a zip). Text is never dropped
 * silently: what is not speech (NOTE/STYLE/REGION blocks, Teams "started transcription" events) is either a
 * comment by definition or reported in `warnings`.
 */
export async function parseTranscript(
  input: { name: string; bytes: Uint8Array },
  options: ParseTranscriptOptions = {},
): Promise<ParsedTranscript> {
  const file = input.name;
  const mergeGapMs = options.mergeGapMs ?? DEFAULT_MERGE_GAP_MS;
  if (!(mergeGapMs >= 0)) {
    throw new StaffwellError('invalid-option', 'mergeGapMs must be a number of milliseconds ≥ 0', {
      field: 'mergeGapMs',
      value: mergeGapMs,
      hint: 'Use e.g. 5000, or Infinity to never split a speaker\'s cues',
    });
  }
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new StaffwellError('invalid-option', 'unknown transcript format', {
      field: 'format',
      value: options.format,
      hint: `Use one of ${FORMATS.join(', ')}`,
    });
  }
  const namePrefixes = options.namePrefixes ?? true;
  if (input.bytes.length === 0) {
    throw new StaffwellError('format', 'the file is empty', { file, hint: 'Export the transcript again; the file has no content' });
  }
  const format = options.format ?? detectTranscriptFormat(file, input.bytes);
  if (format === 'docx') return parseDocxTranscript(file, input.bytes, { mergeGapMs, namePrefixes });

  const { text, warnings } = decodeTranscriptText(file, input.bytes);
  if (text.trim() === '') {
    throw new StaffwellError('format', 'the file is empty (only blank lines)', { file, hint: 'Export the transcript again; the file has no text' });
  }
  const parsed = format === 'text'
    ? parseTextTranscript(file, text, 'text', { mergeGapMs, namePrefixes })
    : parseCueTranscript(file, text, format, { mergeGapMs, namePrefixes });
  parsed.warnings.unshift(...warnings);
  return parsed;
}
