/**
 * Text encodings of SPSS system files.
 *
 * A file names its encoding in record 7.20 (`UTF-8`, `windows-1252`, ...); older files only give a Windows code
 * page number in record 7.3 (`character_code`). {@link savEncodingName} resolves both to a WHATWG label and
 * {@link makeSavDecoder} turns that into a bytes -> string function.
 *
 * windows-1252 is decoded with our own table: Node 20's `TextDecoder('windows-1252')` decodes bytes 0x80-0x9F
 * as Latin-1 control characters (so an em dash 0x97 would become U+0097), which would silently corrupt text.
 */

/** Code pages of record 7.3 (`character_code`) -> WHATWG encoding labels. */
const CODE_PAGES: Record<number, string> = {
  2: 'windows-1252', // 7-bit ASCII
  3: 'windows-1252', // 8-bit "ASCII"
  437: 'windows-1252',
  866: 'ibm866',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1200: 'utf-16le',
  1201: 'utf-16be',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  10000: 'macintosh',
  20127: 'windows-1252',
  20866: 'koi8-r',
  21866: 'koi8-u',
  28591: 'windows-1252',
  28592: 'iso-8859-2',
  28593: 'iso-8859-3',
  28594: 'iso-8859-4',
  28595: 'iso-8859-5',
  28596: 'iso-8859-6',
  28597: 'iso-8859-7',
  28598: 'iso-8859-8',
  28599: 'windows-1254',
  28603: 'iso-8859-13',
  28605: 'iso-8859-15',
  51932: 'euc-jp',
  54936: 'gb18030',
  65001: 'utf-8',
};

export interface SavEncoding {
  /** WHATWG label used to decode, e.g. `utf-8`, `windows-1252`. */
  readonly label: string;
  /** Where it came from: record 7.20, record 7.3, or assumed (no or unknown code page). */
  readonly source: 'record 7.20' | 'record 7.3' | 'assumed';
  /** The file's own spelling (7.20 name or code page number). */
  readonly declared?: string;
}

/**
 * The encoding of a file from its record 7.20 name (preferred) or record 7.3 character code. Unknown code pages
 * fall back to windows-1252, which decodes ASCII exactly; the result says so (`source: 'assumed'`).
 */
export function savEncodingName(name: string | undefined, characterCode: number | undefined): SavEncoding {
  if (name !== undefined && name.trim() !== '') {
    const declared = name.trim();
    return { label: normaliseLabel(declared), source: 'record 7.20', declared };
  }
  if (characterCode !== undefined) {
    const label = CODE_PAGES[characterCode];
    if (label) return { label, source: 'record 7.3', declared: String(characterCode) };
    return { label: 'windows-1252', source: 'assumed', declared: String(characterCode) };
  }
  return { label: 'windows-1252', source: 'assumed' };
}

function normaliseLabel(name: string): string {
  const lower = name.toLowerCase();
  const cp = /^(?:cp|windows-|ibm|ms)?(\d{3,5})$/.exec(lower);
  if (cp && CODE_PAGES[Number(cp[1])]) return CODE_PAGES[Number(cp[1])];
  if (lower === 'utf8') return 'utf-8';
  if (lower === 'latin1' || lower === 'iso-8859-1' || lower === 'iso_8859-1' || lower === 'ascii' || lower === 'us-ascii' || lower === 'ansi_x3.4-1968') {
    return 'windows-1252';
  }
  return lower;
}

/**
 * A decoder for `label`, or undefined if this Node has no such encoding. Invalid byte sequences become U+FFFD
 * (never an exception).
 */
export function makeSavDecoder(label: string): ((bytes: Uint8Array) => string) | undefined {
  if (label === 'windows-1252') return decodeWindows1252;
  const td = tryTextDecoder(label);
  if (!td) return undefined;
  if (td.encoding === 'windows-1252') return decodeWindows1252;
  return (bytes) => td.decode(bytes);
}

function tryTextDecoder(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/** windows-1252 code points for bytes 0x80-0x9F (WHATWG index; unassigned bytes map to themselves). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

export function decodeWindows1252(bytes: Uint8Array): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return HAS_C1.test(s) ? s.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80])) : s;
}
