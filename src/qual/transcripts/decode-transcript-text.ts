import { StaffwellError } from '../../errors.ts';
import type { TranscriptWarning } from './transcript-types.ts';

/**
 * Bytes of a text transcript to a string: UTF-8 (with or without BOM) or UTF-16 with a BOM; text that is not
 * valid UTF-8 is read as Windows-1252 with a warning. Line endings (CRLF, CR) become LF so that line numbers
 * match what an editor shows.
 */
export function decodeTranscriptText(file: string, bytes: Uint8Array): { text: string; warnings: TranscriptWarning[] } {
  const warnings: TranscriptWarning[] = [];
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = new TextDecoder('windows-1252').decode(body);
      warnings.push({
        line: null,
        message: 'the file is not valid UTF-8; it was read as Windows-1252 (check accented names and quotation marks)',
      });
    }
  }
  if (text.includes('\u0000')) {
    throw new StaffwellError('format', 'the file contains NUL bytes, so it is not a text transcript', {
      file,
      hint: 'Export the transcript as .vtt, .srt, .docx or plain text (UTF-8)',
    });
  }
  text = text.replace(/\r\n?/g, '\n');
  return { text, warnings };
}

/** File extension in lower case without the dot ("" if none). */
export function extensionOf(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
