import { StaffwellError } from '../../errors.ts';
import { sniffContent, type ContentKind } from '../../io/sniff-file.ts';
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

const TEXT_EXTENSIONS = new Set(['vtt', 'webvtt', 'srt', 'txt', 'md', 'text']);
/** Extensions of files that are not transcripts Staffwell reads, with what they should hold. */
const OTHER_FORMATS: Record<string, ContentKind> = {
  pdf: 'pdf', rtf: 'rtf', odt: 'zip', pages: 'zip', xlsx: 'zip', xls: 'ole', ppt: 'ole', pptx: 'zip', sav: 'spss',
  mp3: 'media', m4a: 'media', wav: 'media', aac: 'media', ogg: 'media', flac: 'media', mp4: 'media', mov: 'media', webm: 'media', avi: 'media',
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', tif: 'image', tiff: 'image', webp: 'image',
};
const EXPORT_HINT = 'export the transcript as .vtt or .srt (Teams, Zoom), .docx (Word) or plain text (.txt), and import that';

/**
 * Refuses a file whose content is not what its extension says (magic bytes), or that holds something no
 * transcript reader takes (PDF, audio, images), with a message naming both and what to do.
 */
function checkTranscriptContent(file: string, ext: string, bytes: Uint8Array): void {
  const got = sniffContent(bytes.subarray(0, 4096));
  const refuse = (problem: string, hint: string) => {
    throw new StaffwellError(problem.startsWith('the file is called') ? 'format' : 'unsupported', problem, { file, hint });
  };
  const misnamed = () => `the file is called .${ext} but holds ${got.label}`;
  if (ext === 'docx' || ext === 'doc') {
    if (got.kind === 'zip' || got.kind === 'ole') return; // the .docx reader says more (an old .doc, no document)
    refuse(misnamed(), got.kind === 'text' ? 'rename it .txt (or .vtt / .srt if it is a subtitle file)' : EXPORT_HINT);
  }
  if (TEXT_EXTENSIONS.has(ext)) {
    if (got.kind === 'text') return;
    refuse(misnamed(), got.kind === 'zip' ? 'if it is a Word document, rename it .docx; else ' + EXPORT_HINT : EXPORT_HINT);
  }
  const other = OTHER_FORMATS[ext];
  if (other !== undefined) {
    if (got.kind === 'text') refuse(misnamed(), 'rename it .txt (or .vtt / .srt if it is a subtitle file)');
    refuse(got.kind === other ? `${got.label} is not read as a transcript` : misnamed(), other === 'media' ? 'transcribe the recording first (Teams, Zoom and Word give .vtt or .docx), then import the transcript' : EXPORT_HINT);
  }
  // no or an unknown extension: the content decides (text, or a zip read as .docx)
  if (got.kind !== 'text' && got.kind !== 'zip' && got.kind !== 'ole') refuse(`the file holds ${got.label}, which is not read as a transcript`, EXPORT_HINT);
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
  if (options.format === undefined) checkTranscriptContent(file, extensionOf(file), input.bytes);
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
