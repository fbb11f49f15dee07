/**
 * The duplicate-id check of a large CSV file in bounded memory: one pass over the bytes that hashes each record's
 * id field (two 32-bit hashes) into partitions by hash, 12 bytes per id with the line (~150 MB for 10 million ids,
 * instead of a dictionary of every id string); each partition is then one small open-addressing table that stays
 * in the caches (`HashPartitions`), so the time is linear in rows; and, only if two hashes met, a second pass
 * compares the candidates' bytes. Gives the same answer as reading the column and comparing its values
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

/**
 * The ids' hash pairs, partitioned by hash (then each partition is one small open-addressing table that stays
 * in the caches): one table for the whole file misses the caches and the TLB at almost every insert once it
 * outgrows them (~7 s for 10 million ids instead of ~0.3 s for one million). Each partition keeps its (h1, h2,
 * line) triples in file order, so a partition's repeats (a pair seen before in it) are exactly the file's repeats
 * whose pair falls in it: the same rows, in the same order, as inserting the whole file into one table.
 */
class HashPartitions {
  private readonly bits: number;
  private readonly data: Uint32Array[];
  private readonly size: Int32Array;

  constructor(estimatedRows: number) {
    // partitions of ~32,768 ids: a table of 65,536 slots of 8 bytes (512 KB) per partition, and at most 4,096
    // partitions being appended to (512 at 10 million ids: few enough for the TLB; measured against ~8,192 ids
    // per partition, 30% less CPU at 10M rows)
    let bits = 0;
    while (estimatedRows / 2 ** bits > 32768 && bits < 12) bits++;
    this.bits = bits;
    const per = Math.ceil((estimatedRows / (1 << bits)) * 1.25) + 64;
    this.data = Array.from({ length: 1 << bits }, () => new Uint32Array(3 * per));
    this.size = new Int32Array(1 << bits);
  }

  add(h1: number, h2: number, line: number): void {
    const p = this.bits === 0 ? 0 : (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> (32 - this.bits);
    let d = this.data[p];
    const n = this.size[p];
    if (3 * n === d.length) {
      const grown = new Uint32Array(2 * d.length);
      grown.set(d);
      this.data[p] = d = grown;
    }
    d[3 * n] = h1;
    d[3 * n + 1] = h2;
    d[3 * n + 2] = line;
    this.size[p] = n + 1;
  }

  /** The first `limit` rows, in file order, whose hash pair an earlier row had. */
  repeats(limit: number): Candidate[] {
    let largest = 0;
    for (const n of this.size) largest = Math.max(largest, n);
    let tbits = 4;
    while (1 << tbits < 2 * largest) tbits++;
    const t = new Uint32Array(2 << tbits);
    let found: Candidate[] = [];
    for (let p = 0; p < this.data.length; p++) {
      const d = this.data[p];
      const n = this.size[p];
      if (n === 0) continue;
      let bits = 4;
      while (1 << bits < 2 * n) bits++;
      const mask = (1 << bits) - 1;
      t.fill(0, 0, 2 << bits);
      for (let i = 0; i < n; i++) {
        const h1 = d[3 * i];
        const h2 = d[3 * i + 1];
        // the slot from bits the partition did not use
        let s = (Math.imul(h1 ^ (h2 >>> 16), 0x85ebca6b) ^ h2) >>> (32 - bits);
        for (;;) {
          const a = t[2 * s];
          const b = t[2 * s + 1];
          if (a === 0 && b === 0) {
            t[2 * s] = h1;
            t[2 * s + 1] = h2;
            break;
          }
          if (a === h1 && b === h2) {
            found.push({ h1, h2, line: d[3 * i + 2] });
            break;
          }
          s = (s + 1) & mask;
        }
      }
      if (found.length > 4 * limit) found = firstLines(found, limit);
    }
    return firstLines(found, limit);
  }
}

function firstLines(c: Candidate[], limit: number): Candidate[] {
  return c.sort((x, y) => x.line - y.line).slice(0, limit);
}

/** Checks column `name` of the file for repeated ids. */
export function checkIdsBytes(layout: CsvLayout, name: string, missingCodes: MissingCodes | undefined): IdCheckResult {
  const col = layout.names.indexOf(name);
  if (col < 0) return { kind: 'unsupported', reason: 'no such column' };
  const missing = compileMissing(missingCodes, name);
  const mbytes = missingBytes(missing);
  const decoder = new TextDecoder(layout.encoding === 'utf-8' ? 'utf-8' : 'latin1');
  const parts = new HashPartitions(estimateRows(layout));
  let numbers = true;
  let canonical = true;
  let tooManyLines = false;
  const r = scanIdFields(layout, col, (buf, s, e, line) => {
    if (e === s || isMissingField(buf, s, e, missing, mbytes, decoder)) return 1;
    hashField(buf, s, e);
    if (numbers) {
      const kind = numberKind(buf, s, e, decoder);
      if (kind === 0) numbers = false;
      else if (kind === 2) canonical = false;
    }
    if (line > 0xffffffff) tooManyLines = true;
    parts.add(H[0], H[1], line);
    return 0;
  });
  if (r.kind === 'unsupported') return r;
  if (tooManyLines) return { kind: 'unsupported', reason: 'more than 2^32 lines' };
  const candidates = parts.repeats(1000);
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
    hashField(buf, s, e);
    const w = want.get(`${H[0]},${H[1]}`);
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

const H = new Uint32Array(2);

/** Two 32-bit hashes of buf[s, e) into H (h2 odd, so a hashed id is never the empty slot 0, 0). */
function hashField(buf: Buffer, s: number, e: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345679;
  for (let k = s; k < e; k++) {
    const c = buf[k];
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  H[0] = h1 >>> 0;
  H[1] = (h2 | 1) >>> 0;
}

/** A compiled column's missing codes as bytes: text codes to compare, and whether numeric codes exist. */
function missingBytes(missing: ReturnType<typeof compileMissing>): { texts: Buffer[]; numbers: boolean } {
  return { texts: [...missing.texts].map((t) => Buffer.from(t, 'utf8')), numbers: missing.numbers.length > 0 };
}

/** Records in the data, estimated from the bytes per line of its first 64 KB. */
function estimateRows(layout: CsvLayout): number {
  const fd = openForRead(layout.source);
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, layout.dataStart);
    let lines = 0;
    for (let p = buf.subarray(0, n).indexOf(10); p >= 0; p = buf.subarray(0, n).indexOf(10, p + 1)) lines++;
    return Math.ceil(((layout.size - layout.dataStart) / Math.max(1, n)) * Math.max(1, lines) * 1.1) + 1024;
  } finally {
    closeSync(fd);
  }
}

function isMissingField(buf: Buffer, s: number, e: number, missing: ReturnType<typeof compileMissing>, bytes: ReturnType<typeof missingBytes>, decoder: { decode(b: Uint8Array): string }): boolean {
  const len = e - s;
  for (const t of bytes.texts) if (t.length === len && buf.compare(t, 0, len, s, e) === 0) return true;
  if (!bytes.numbers) return false;
  const c = buf[s];
  // only a field that could read as a number can equal a numeric code
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
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
      const block = buf.subarray(0, end);
      if (block.indexOf(34, carry) >= 0) return { kind: 'unsupported', reason: 'quotes in the data' };
      // every CR must end a line (CRLF); a lone CR is a line break the byte scan does not follow
      for (let cr = block.indexOf(13, carry); cr >= 0; cr = block.indexOf(13, cr + 1))
        if (cr + 1 < end ? buf[cr + 1] !== 10 : last) return { kind: 'unsupported', reason: 'a lone CR line break' };
      let s = 0;
      for (;;) {
        let nl = block.indexOf(10, s);
        if (nl < 0) {
          if (!last) break;
          if (s >= end) break;
          nl = end; // the last record without a line break
        }
        let le = nl;
        if (le > s && buf[le - 1] === 13) le--;
        if (le > s) {
          // the id field's bytes, by a byte loop (ids are short; a call to indexOf costs more)
          let fs = s;
          for (let k = 0; k < col; k++) {
            while (fs < le && buf[fs] !== d) fs++;
            if (fs >= le) return { kind: 'unsupported', reason: 'a record without the id field' };
            fs++;
          }
          let fe = fs;
          while (fe < le && buf[fe] !== d) fe++;
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
