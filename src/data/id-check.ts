/**
 * The duplicate-id check of a large CSV file in bounded memory: one pass over the bytes that hashes each record's
 * id field (two 32-bit hashes) into an open-addressing table of 8 bytes per slot (about 130 MB for 10 million ids,
 * instead of a dictionary of every id string), then, only if two hashes met, a second pass that compares the
 * candidates' bytes. Gives the same answer as reading the column and comparing its values
 * (src/study/run-study.ts checkIds): the first row, in file order, whose id was seen before, and the rows without
 * an id (empty, `NA`, or a missing code).
 *
 * Only for the simple shape of an id column — no quote anywhere in the file's data, LF or CRLF line ends, every
 * record with the id field, no spaces around an id, and, when every id reads as a number, integers written
 * canonically (so equal numbers are equal texts). Anything else returns `unsupported`, and the caller reads the
 * column the ordinary way.
 */
import { closeSync, readSync } from 'node:fs';
import { openForRead, type CsvLayout } from './csv-layout.ts';
import { compileMissing, isMissingText, parseNumber, type MissingCodes } from './missing.ts';

export type IdCheckResult =
  | { kind: 'ok'; missing: number; rows: number }
  | { kind: 'duplicate'; line: number; firstLine: number; id: string | number; missing: number }
  | { kind: 'unsupported'; reason: string };

const BLOCK = 4 << 20;

interface Candidate {
  h1: number;
  h2: number;
  line: number;
}

/** Checks column `name` of the file for repeated ids. */
export function checkIdsBytes(layout: CsvLayout, name: string, missingCodes: MissingCodes | undefined): IdCheckResult {
  const col = layout.names.indexOf(name);
  if (col < 0) return { kind: 'unsupported', reason: 'no such column' };
  const missing = compileMissing(missingCodes, name);
  const decoder = new TextDecoder(layout.encoding === 'utf-8' ? 'utf-8' : 'latin1');
  // table sized for the rows estimated from the data's size (grown if short)
  let bits = 16;
  let cap = 1 << bits;
  let t1 = new Uint32Array(cap);
  let t2 = new Uint32Array(cap);
  let used = 0;
  const insert = (h1: number, h2: number): boolean => {
    let s = (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> (32 - bits);
    for (;;) {
      const a = t1[s];
      const b = t2[s];
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      s = (s + 1) & (cap - 1);
    }
    t1[s] = h1;
    t2[s] = h2;
    if (++used * 2 > cap) {
      const o1 = t1;
      const o2 = t2;
      bits++;
      cap = 1 << bits;
      t1 = new Uint32Array(cap);
      t2 = new Uint32Array(cap);
      used = 0;
      for (let k = 0; k < o1.length; k++) if (o1[k] !== 0 || o2[k] !== 0) insert(o1[k], o2[k]);
    }
    return true;
  };
  const est = Math.max(1024, Math.ceil((layout.size - layout.dataStart) / 32));
  while (cap < 2 * est && bits < 27) {
    bits++;
    cap = 1 << bits;
  }
  t1 = new Uint32Array(cap);
  t2 = new Uint32Array(cap);
  const candidates: Candidate[] = [];
  let numbers = true;
  let canonical = true;
  const r = scanIdFields(layout, col, (buf, s, e, line) => {
    if (e === s || isMissingField(buf, s, e, missing, decoder)) return 1;
    let h1 = 0x811c9dc5;
    let h2 = 0x12345679;
    for (let k = s; k < e; k++) {
      const c = buf[k];
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 >>>= 0;
    h2 = (h2 | 1) >>> 0;
    if (numbers) {
      const kind = numberKind(buf, s, e, decoder);
      if (kind === 0) numbers = false;
      else if (kind === 2) canonical = false;
    }
    if (!insert(h1, h2) && candidates.length < 1000) candidates.push({ h1, h2, line });
    return 0;
  });
  if (r.kind === 'unsupported') return r;
  if (numbers && !canonical) return { kind: 'unsupported', reason: 'numeric ids written in more than one way' };
  if (candidates.length === 0) return { kind: 'ok', missing: r.missing, rows: r.rows };
  // Second pass: the candidates' first rows and bytes; the first true repeat in file order.
  const want = new Map<string, { first?: { line: number; text: string }; repeats: Map<number, string> }>();
  for (const c of candidates) {
    const key = `${c.h1},${c.h2}`;
    let w = want.get(key);
    if (!w) want.set(key, (w = { repeats: new Map() }));
    w.repeats.set(c.line, '');
  }
  scanIdFields(layout, col, (buf, s, e, line) => {
    if (e === s) return 0;
    let h1 = 0x811c9dc5;
    let h2 = 0x12345679;
    for (let k = s; k < e; k++) {
      const c = buf[k];
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    const w = want.get(`${h1 >>> 0},${(h2 | 1) >>> 0}`);
    if (!w) return 0;
    const text = decoder.decode(buf.subarray(s, e));
    if (!w.first) w.first = { line, text };
    else if (w.repeats.has(line)) w.repeats.set(line, text);
    return 0;
  });
  let best: { line: number; firstLine: number; text: string } | undefined;
  for (const w of want.values()) {
    for (const [line, text] of w.repeats) {
      // the first earlier row with the same text
      if (w.first && w.first.text === text && w.first.line < line && (!best || line < best.line)) best = { line, firstLine: w.first.line, text };
    }
  }
  if (!best) return { kind: 'unsupported', reason: 'hash collisions only' };
  return { kind: 'duplicate', line: best.line, firstLine: best.firstLine, id: numbers ? Number(best.text) : best.text, missing: r.missing };
}

function isMissingField(buf: Buffer, s: number, e: number, missing: ReturnType<typeof compileMissing>, decoder: { decode(b: Uint8Array): string }): boolean {
  if (e - s > 64) return false;
  if (missing.texts.size === 0 && missing.numbers.length === 0) return false;
  return isMissingText(missing, decoder.decode(buf.subarray(s, e)));
}

/** 0: not a number; 1: a canonical integer (digits, no leading zero, at most 15); 2: another number. */
function numberKind(buf: Buffer, s: number, e: number, decoder: { decode(b: Uint8Array): string }): number {
  let k = s;
  if (buf[k] === 45) k++;
  let digits = true;
  for (let j = k; j < e; j++) if (buf[j] < 48 || buf[j] > 57) digits = false;
  if (digits && e > k && e - k <= 15 && (buf[k] !== 48 || e - k === 1)) return 1;
  return Number.isNaN(parseNumber(decoder.decode(buf.subarray(s, e)))) ? 0 : 2;
}

/**
 * Calls `field(buf, start, end, line)` for the id field of every record (returns 1 when it counts the row as
 * without an id). Unsupported on a quote, a lone CR, a space around an id, or a record without the field.
 */
function scanIdFields(
  layout: CsvLayout,
  col: number,
  field: (buf: Buffer, s: number, e: number, line: number) => number,
): { kind: 'ok'; missing: number; rows: number } | { kind: 'unsupported'; reason: string } {
  const fd = openForRead(layout.source);
  const d = layout.delimiter;
  let buf = Buffer.allocUnsafe(BLOCK);
  let line = layout.firstDataLine;
  let missing = 0;
  let rows = 0;
  let pos = layout.dataStart;
  let carry = 0; // bytes of an unfinished record at the start of buf
  try {
    for (;;) {
      if (carry === buf.length) {
        const b = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(b, 0, 0, carry);
        buf = b;
      }
      const got = readSync(fd, buf, carry, buf.length - carry, pos);
      pos += got;
      const end = carry + got;
      const last = got === 0;
      if (end === 0) break;
      if (buf.indexOf(34, carry) >= 0 && buf.indexOf(34, carry) < end) return { kind: 'unsupported', reason: 'quotes in the data' };
      let s = 0;
      for (;;) {
        let nl = buf.indexOf(10, s);
        if (nl < 0 || nl >= end) {
          if (!last) break;
          if (s >= end) break;
          nl = end; // the last record without a line break
        }
        let le = nl;
        if (le > s && buf[le - 1] === 13) le--;
        const cr = buf.indexOf(13, s);
        if (cr >= 0 && cr < le) return { kind: 'unsupported', reason: 'a lone CR line break' };
        if (le > s) {
          let fs = s;
          for (let k = 0; k < col; k++) {
            const p = buf.indexOf(d, fs);
            if (p < 0 || p >= le) return { kind: 'unsupported', reason: 'a record without the id field' };
            fs = p + 1;
          }
          let fe = buf.indexOf(d, fs);
          if (fe < 0 || fe > le) fe = le;
          if (fe > fs && (buf[fs] === 32 || buf[fe - 1] === 32)) return { kind: 'unsupported', reason: 'spaces around an id' };
          missing += field(buf, fs, fe, line);
          rows++;
        }
        line++;
        s = nl + 1;
        if (nl >= end) break;
      }
      if (last) break;
      carry = end - s;
      buf.copy(buf, 0, s, end);
    }
  } finally {
    closeSync(fd);
  }
  return { kind: 'ok', missing, rows };
}
