/**
 * What a file holds, from its first bytes (magic numbers), so a reader can refuse a file that is not what its
 * extension says with a message naming both ("is called .pdf but holds plain text") instead of failing somewhere
 * inside with a misleading one.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export type ContentKind = 'zip' | 'ole' | 'pdf' | 'rtf' | 'image' | 'media' | 'spss' | 'text' | 'binary' | 'empty';

export interface Sniffed {
  kind: ContentKind;
  /** For messages: "a zip archive", "a PDF document", "plain text". */
  label: string;
}

const LABELS: Record<ContentKind, string> = {
  zip: 'a zip archive (e.g. a Word .docx or an Excel .xlsx)',
  ole: 'an old Microsoft Office file (.doc or .xls)',
  pdf: 'a PDF document',
  rtf: 'a Rich Text (.rtf) document',
  image: 'an image',
  media: 'audio or video',
  spss: 'an SPSS system file (.sav)',
  text: 'plain text',
  binary: 'binary data (not text)',
  empty: 'nothing (it is empty)',
};

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The kind of content of `bytes` (only the first few KB are looked at). */
export function sniffContent(bytes: Uint8Array): Sniffed {
  const b = bytes;
  let kind: ContentKind;
  if (b.length === 0) kind = 'empty';
  else if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8)) kind = 'zip';
  else if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) kind = 'ole';
  else if (starts(b, ascii('%PDF-'))) kind = 'pdf';
  else if (starts(b, ascii('{\\rtf'))) kind = 'rtf';
  else if (starts(b, ascii('$FL2')) || starts(b, ascii('$FL3'))) kind = 'spss';
  else if (
    starts(b, [0x89, 0x50, 0x4e, 0x47]) ||
    starts(b, [0xff, 0xd8, 0xff]) ||
    starts(b, ascii('GIF8')) ||
    (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) ||
    starts(b, [0x49, 0x49, 0x2a, 0x00]) ||
    starts(b, [0x4d, 0x4d, 0x00, 0x2a])
  )
    kind = 'image';
  else if (
    starts(b, ascii('ftyp'), 4) ||
    starts(b, ascii('ID3')) ||
    (b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && b.length > 2 && !isMostlyText(b)) ||
    (starts(b, ascii('RIFF')) && (starts(b, ascii('WAVE'), 8) || starts(b, ascii('AVI '), 8))) ||
    starts(b, ascii('OggS')) ||
    starts(b, ascii('fLaC')) ||
    starts(b, [0x1a, 0x45, 0xdf, 0xa3])
  )
    kind = 'media';
  else kind = isMostlyText(b) ? 'text' : 'binary';
  return { kind, label: LABELS[kind] };
}

/** The first `n` bytes of a file (fewer if it is shorter); empty when it cannot be read. */
export function fileHead(path: string, n = 4096): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Text: a UTF-16 BOM, or no NUL byte and few other control characters in the first 4 KB (UTF-8 and the legacy
 * 8-bit code pages all qualify).
 */
function isMostlyText(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  const n = Math.min(b.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control * 20 < n;
}
