import { StaffwellError } from '../../errors.ts';
import { looksLikeZip, ZipArchive } from '../../io/zip-reader.ts';
import { parseTextTranscript } from './parse-text-transcript.ts';
import type { ParsedTranscript } from './transcript-types.ts';

/** True if the bytes start like a zip archive (every .docx is one). */
export const isZip = looksLikeZip;

/**
 * The archive as mammoth's zip-file interface (`exists`, `read`), over the bounded zip reader: mammoth inflates
 * only the parts it reads (document, styles, numbering, notes, comments), each within the per-entry limit.
 */
function mammothFile(zip: ZipArchive) {
  return {
    exists: (name: string) => zip.has(name),
    read(name: string, encoding?: string): Promise<string | Uint8Array> {
      try {
        const bytes = zip.read(name);
        if (encoding === 'base64') return Promise.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
        return Promise.resolve(encoding ? new TextDecoder(encoding).decode(bytes) : bytes);
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

/** True for the old binary Word format (OLE compound file). */
function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * A Word transcript (.docx) to turns: the text of the body is extracted with mammoth (`extractRawText`, one
 * paragraph per block) and read like a text transcript (Teams layout or `Name:` prefixes). Reported lines are
 * paragraph numbers of the document body (1 = first paragraph), counting empty paragraphs.
 */
export async function parseDocxTranscript(file: string, bytes: Uint8Array, opts: { mergeGapMs: number; namePrefixes: boolean }): Promise<ParsedTranscript> {
  if (!isZip(bytes)) {
    throw new StaffwellError('format', isOle(bytes) ? 'this is an old Word .doc file, not a .docx' : 'the file is not a .docx (a .docx is a zip archive)', {
      file,
      hint: isOle(bytes)
        ? 'Open it in Word and save it as "Word Document (.docx)", or export it as plain text'
        : 'Re-download the transcript from Teams as .docx or .vtt, or save it from Word as .docx',
    });
  }
  let text: string;
  const warnings: { line: number | null; message: string }[] = [];
  try {
    // mammoth takes ~0.1 s to load: loaded for a .docx only.
    const { default: mammoth } = await import('mammoth');
    const zip = new ZipArchive(bytes, file, { what: 'a .docx', notZipHint: 'Save it from Word as .docx again, or export the transcript as .vtt or plain text' });
    const result = await mammoth.extractRawText({ file: mammothFile(zip) } as unknown as Parameters<typeof mammoth.extractRawText>[0]);
    text = result.value;
    for (const m of result.messages) if (m.type === 'error') warnings.push({ line: null, message: `Word file: ${m.message}` });
  } catch (e) {
    if (e instanceof StaffwellError) throw e;
    throw new StaffwellError('format', 'the .docx could not be read (damaged, or not a Word document)', {
      file,
      value: e instanceof Error ? e.message : String(e),
      hint: 'Open it in Word and save it again as .docx, or export the transcript as .vtt or plain text',
      cause: e,
    });
  }
  const text2 = text.replace(/\r\n?/g, '\n');
  // mammoth writes each paragraph followed by "\n\n"; soft line breaks inside a paragraph are single "\n".
  const paraOfLine: number[] = [0];
  const paras = text2.split('\n\n');
  let line = 1;
  paras.forEach((p, k) => {
    const n = p.split('\n').length;
    for (let j = 0; j < n; j++) paraOfLine[line + j] = k + 1;
    paraOfLine[line + n] = k + 1; // the separator line
    line += n + 1;
  });
  if (text2.trim() === '') {
    throw new StaffwellError('format', 'the .docx has no text', { file, hint: 'Check that this is the transcript document' });
  }
  const parsed = parseTextTranscript(file, text2, 'docx', { ...opts, lineOf: (l) => paraOfLine[l] ?? l });
  parsed.warnings.unshift(...warnings);
  return parsed;
}
