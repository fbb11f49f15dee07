/**
 * Offsets between Staffwell (UTF-16 code units into the canonical text, end exclusive) and REFI-QDA
 * `startPosition`/`endPosition`.
 *
 * Unit. The REFI-QDA specification does not state the character unit in a text we could read; the implementations
 * we could check count Unicode characters (code points): QualCoder indexes Python strings (`pos0/pos1`, refi.py),
 * qc (cproctor/qualitative-coding) likewise. So export writes code points and import reads code points by default
 * (`positionUnit: 'utf16'` reads UTF-16 code units, for a tool known to count them). The difference only shows with
 * characters outside the Basic Multilingual Plane (emoji, some CJK), which count 2 in UTF-16 and 1 here.
 *
 * Line endings. Export normalises CRLF and lone CR to LF, writes that exact text to `sources/<guid>.txt` and
 * counts positions on it, so every tool reads the same offsets. Import normalises the same way; a source that
 * carried CRLF is read with positions counted either on the text as stored (CRLF = 2 characters; QualCoder's
 * assumption for NVivo and MAXQDA) or on the LF-normalised text (what ATLAS.ti writes, per QualCoder refi.py).
 */

/** Text with CRLF / lone CR replaced by LF, and the map from each UTF-16 offset of the input (0..n) to the output. */
export function normalizeLineEndings(text: string): { text: string; map: Int32Array } {
  const n = text.length;
  const map = new Int32Array(n + 1);
  if (text.indexOf('\r') < 0) {
    for (let i = 0; i <= n; i++) map[i] = i;
    return { text, map };
  }
  let out = '';
  let j = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    map[i] = j;
    if (text.charCodeAt(i) === 13) {
      out += text.slice(last, i);
      if (text.charCodeAt(i + 1) === 10) {
        // drop the CR: the offset between CR and LF maps to the LF
        last = i + 1;
      } else {
        out += '\n';
        j++;
        last = i + 1;
      }
      continue;
    }
    j++;
  }
  out += text.slice(last);
  map[n] = j;
  return { text: out, map };
}

/** Converts between UTF-16 offsets and code-point offsets of one string. */
export interface OffsetConverter {
  /** Code-point offset of a UTF-16 offset (an offset inside a surrogate pair maps to the pair's start). */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code-point offset; NaN when beyond the end. */
  toUtf16(codePoint: number): number;
  /** Length in code points. */
  codePoints: number;
}

export function offsetConverter(text: string): OffsetConverter {
  const n = text.length;
  const cpOf = new Int32Array(n + 1);
  const u16Of: number[] = [];
  let cp = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const isLow = c >= 0xdc00 && c <= 0xdfff;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (isLow && prev >= 0xd800 && prev <= 0xdbff) {
      cpOf[i] = cp - 1; // inside a pair
      continue;
    }
    cpOf[i] = cp;
    u16Of.push(i);
    cp++;
  }
  cpOf[n] = cp;
  u16Of.push(n);
  return {
    toCodePoint: (u) => cpOf[Math.max(0, Math.min(n, u))],
    toUtf16: (c) => (Number.isInteger(c) && c >= 0 && c <= cp ? u16Of[c] : NaN),
    codePoints: cp,
  };
}
