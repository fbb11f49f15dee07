import { closeSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { StaffwellError } from '../errors.ts';
import { textAnswerHint } from './text-answer-hint.ts';
import type { Column, Table } from './table.ts';
import { makeTable } from './table.ts';
import type { ColumnMissing, MissingCodes } from './missing.ts';
import { compileMissing, isMissingNumber, isMissingText, parseNumber } from './missing.ts';
import { ByteDictionary } from './csv-dictionary.ts';
import type { CsvLayout } from './csv-layout.ts';
import { decoderFor, openForRead, textCellDecoder } from './csv-layout.ts';
import type { EngineName } from '../engine/engine.ts';

// The parser writes bytes and column kinds as literals with a comment (34 ", 10 LF, 13 CR, 44 ",", 46 ".";
// kinds 0 skip, 1 number, 2 text): a module-level constant costs a load and a hole check per use in the byte
// loop, and an imported one is a property getter under tsx.

/**
 * The byte-level engine of the CSV reader: parses the records of one byte range of a file into chunk Tables.
 *
 * Hot path: an unquoted numeric field is parsed while it is scanned, straight from the bytes into the
 * column's Float64Array (no string per cell; up to 15 significant digits the result is exactly
 * `Number(text)`, since integer mantissa / 10^k with both exact is correctly rounded). Anything else (a quote,
 * spaces, an exponent, more digits, text) takes the general path, which decodes the field and applies the same
 * rules (`parseNumber`). A sentinel LF after the last byte in the buffer ends every unquoted scan loop without
 * a bounds check; records cut by the end of a block are parsed again when the next block has arrived.
 *
 * Two loops share this work. `fast` takes whole records (those before the last LF of the buffer) while they
 * are simple: no quote, numbers of the fast form (with a tight loop over runs of number columns for the usual
 * survey field, one digit and a delimiter, which stores into one array holding all the chunk's number columns),
 * the header's number of fields. It stops at the first record that is not, which the general
 * loop in `parse` then parses (it repeats whatever `fast` wrote for it) before handing back to `fast`. Both
 * give exactly the same values and line numbers.
 */

export type ColumnType = 'number' | 'text';

export interface RangeSpec {
  /** Byte offset of the first record (at a record boundary). */
  start: number;
  /** Byte offset where the range ends (exclusive; the file size for the last range). */
  end: number;
  /** 0-based row index of the range's first record within the file. */
  firstRow: number;
  /** Line on which the range's first record starts. */
  firstLine: number;
}

export interface RangeScanOptions {
  /** Type of each selected column (output order). */
  types: ColumnType[];
  /** True for columns whose type the user declared (text in a declared number column is an error). */
  declared: boolean[];
  missing?: MissingCodes;
  chunkRows: number;
  blockBytes: number;
  /** Stop after this many rows (type inference; the coded lane's fallback, scan-range-coded.ts). */
  maxRows?: number;
  /** The engine whose coded lane scan-range-coded.ts may use (src/engine/engine.ts); unused here. */
  engine?: EngineName;
  /**
   * Reuse the chunk arrays for the next chunk: a chunk is valid only during `onChunk` (for aggregating
   * consumers; saves allocating and zeroing fresh memory per chunk).
   */
  reuse?: boolean;
  /** Called per chunk; not called once a column needs retyping (the caller will scan again). */
  onChunk?: (chunk: Table) => void;
  /** Bytes of the range done so far, and the range's size. */
  onProgress?: (done: number, total: number) => void;
}

/** A column inferred numeric that met text: the scan's chunks are void and the column must be read as text. */
export interface Retype {
  /** Selected-column index (output order). */
  column: number;
  line: number;
  value: string;
}

export interface RangeScanResult {
  rows: number;
  /** Line after the last record. */
  nextLine: number;
  /** Columns that met text although inferred numeric, first occurrence each, in order met. */
  retyped: Retype[];
  /** Bytes of the range parsed. */
  bytes: number;
}


const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * Chunk arrays left by finished scans on this thread (a scan of many small ranges would otherwise allocate, and
 * fault in, a fresh set of arrays for each), at most SPARE_BYTES in all.
 */
const spareNum: Float64Array[] = [];
const spareCodes: Int32Array[] = [];
const SPARE_BYTES = 64 << 20;
let spareBytes = 0;

function takeSpare<T extends Float64Array | Int32Array>(pool: T[], n: number): T | undefined {
  for (let i = pool.length - 1; i >= 0; i--) {
    const a = pool[i];
    if (a.length === n) {
      pool.splice(i, 1);
      spareBytes -= a.byteLength;
      return a;
    }
  }
  return undefined;
}

function giveSpare<T extends Float64Array | Int32Array>(pool: T[], a: T, n: number): void {
  if (a.length !== n || a.byteLength + spareBytes > SPARE_BYTES) return;
  // Drop arrays of another size first: the next scan most likely uses the same chunk size.
  for (let i = pool.length - 1; i >= 0; i--) {
    if (pool[i].length !== n) {
      spareBytes -= pool[i].byteLength;
      pool.splice(i, 1);
    }
  }
  pool.push(a);
  spareBytes += a.byteLength;
}

/** Thrown inside a range scan for a problem the sequential reader reports with its own message. */
export class CsvSyntaxError extends StaffwellError {}

export function scanCsvRange(layout: CsvLayout, range: RangeSpec, options: RangeScanOptions): RangeScanResult {
  const fd = openForRead(layout.source);
  try {
    return new RangeParser(layout, range, options).run(fd);
  } finally {
    closeSync(fd);
  }
}

class RangeParser {
  private readonly source: string;
  private readonly delim: number;
  private readonly nf: number;
  private readonly kinds: Uint8Array;
  private readonly declared: Uint8Array;
  private readonly slotOf: Int32Array;
  private readonly miss: ColumnMissing[];
  /** 1 where the column has numeric missing codes. */
  private readonly numCodes: Uint8Array;
  /** `kinds` for the fast path: 3 for a number column with numeric missing codes. */
  private readonly fastKinds: Uint8Array;
  /**
   * For the fast path's run loop: per file column j, the end (exclusive) of the run of plain number columns
   * (fast kind 1) that starts at j, never past the last column (whose field ends the record); j itself where
   * no such run starts. Kept in step with `fastKinds` (`setRuns`).
   */
  private readonly runEnd: Int32Array;
  /** Per file column, the offset of its values in `flat` (number columns), else -1. */
  private readonly numBase: Int32Array;
  /** How many number columns (kind 1) are read. */
  private readonly numCount: number;
  /**
   * Distance between two number columns in `flat`: `chunkRows` plus one cache line, so that the fields of one
   * record (one value per column) do not all fall in the same cache set when `chunkRows` is a power of two.
   */
  private readonly numStride: number;
  private readonly names: string[];
  private readonly selected: number[];
  private readonly chunkRows: number;
  private readonly decode: (b: Buffer, s: number, e: number) => string;
  private readonly validate: boolean;
  /** Decimal mark as a byte: 46 "." or 44 ",". */
  private readonly decimalByte: number;

  /**
   * Per file column, dense (element loads in the byte loop stay monomorphic): the chunk's values, or an empty
   * array for a column of another kind. Updated in place, so the parser's local references stay valid.
   */
  private readonly num: Float64Array[] = [];
  /**
   * The chunk's values of all number columns in one array, column after column in file order (`num[j]` are
   * views of it): the fast path stores a run of columns at `flat[o]`, `o += numStride` per field, with no load
   * of the column's own array per field. Replaced whenever the `num` views are (`allocChunk`), so a chunk's
   * arrays stay valid exactly as long as before.
   */
  private flat: Float64Array = new Float64Array(0);
  private readonly codes: Int32Array[] = [];
  private dict: (ByteDictionary | null)[] = [];
  private rowLine: Int32Array | null = null;

  private row = 0;
  private chunkFirstRow: number;
  private line: number;
  private emitted = 0;
  private readonly retyped: Retype[] = [];
  private readonly isRetyped: Uint8Array;
  private emitting: boolean;
  private stop = false;
  /** Calls of `fast` left that return after a few rows (see `fastRecords`). */
  private warmup = 2;
  private bytesDone = 0;
  /** Set by `quoted`: the content's bytes (quotes undoubled), and the number of line breaks inside. */
  private qBuf: Buffer = Buffer.alloc(0);
  private qS = 0;
  private qE = 0;
  private qLines = 0;

  constructor(
    private readonly layout: CsvLayout,
    private readonly range: RangeSpec,
    private readonly opt: RangeScanOptions,
  ) {
    this.source = layout.source;
    this.delim = layout.delimiter;
    this.names = layout.names;
    this.selected = layout.selected;
    this.nf = layout.names.length;
    this.kinds = new Uint8Array(this.nf);
    this.declared = new Uint8Array(this.nf);
    this.slotOf = new Int32Array(this.nf).fill(-1);
    this.isRetyped = new Uint8Array(this.nf);
    this.miss = layout.names.map((n) => compileMissing(opt.missing, n));
    this.numCodes = Uint8Array.from(this.miss, (m) => (m.numbers.length ? 1 : 0));
    layout.selected.forEach((j, k) => {
      this.kinds[j] = opt.types[k] === 'number' ? 1 /* number */ : 2 /* text */;
      this.declared[j] = opt.declared[k] ? 1 : 0;
      this.slotOf[j] = k;
    });
    this.fastKinds = this.kinds.map((k, j) => (k === 1 /* number */ && this.numCodes[j] !== 0 ? 3 : k));
    this.runEnd = new Int32Array(this.nf);
    this.setRuns();
    this.numBase = new Int32Array(this.nf).fill(-1);
    let numCount = 0;
    for (let j = 0; j < this.nf; j++) if (this.kinds[j] === 1 /* number */) this.numBase[j] = numCount++;
    this.numCount = numCount;
    this.chunkRows = Math.max(1, Math.min(opt.chunkRows, opt.maxRows ?? Infinity));
    this.numStride = this.chunkRows + 8;
    for (let j = 0; j < this.nf; j++) if (this.numBase[j] >= 0) this.numBase[j] *= this.numStride;
    this.decode = decoderFor(layout.encoding);
    this.validate = layout.encoding === 'utf-8';
    this.decimalByte = layout.decimal === ',' ? 44 : 46;
    this.dict = layout.names.map((_, j) =>
      this.kinds[j] === 2 ? new ByteDictionary(textCellDecoder(this.decode), (s) => isMissingText(this.miss[j], s)) : null,
    );
    this.chunkFirstRow = range.firstRow;
    this.line = range.firstLine;
    this.emitting = opt.onChunk !== undefined;
    this.allocChunk();
  }

  private allocChunk(): void {
    this.rowLine = null;
    for (const d of this.dict) d?.reset();
    if (this.num.length !== 0 && (this.opt.reuse || !this.emitting)) return;
    const n = this.chunkRows;
    const noNum = new Float64Array(0);
    const noCodes = new Int32Array(0);
    const first = this.num.length === 0;
    // Arrays that are reused chunk after chunk may come from an earlier scan on this thread (their old contents
    // are never seen: every row is written before it is delivered).
    const pooled = first && this.opt.reuse === true && this.numCount !== 0;
    const size = this.numCount * this.numStride;
    this.flat = (pooled ? takeSpare(spareNum, size) : undefined) ?? new Float64Array(size);
    for (let j = 0; j < this.nf; j++) {
      const k = this.kinds[j];
      const v = k === 1 /* number */ ? this.flat.subarray(this.numBase[j], this.numBase[j] + n) : noNum;
      const c = k === 2 /* text */ ? ((pooled ? takeSpare(spareCodes, n) : undefined) ?? new Int32Array(n)) : noCodes;
      if (first) {
        this.num.push(v);
        this.codes.push(c);
      } else {
        this.num[j] = v;
        this.codes[j] = c;
      }
    }
  }

  run(fd: number): RangeScanResult {
    const { start, end } = this.range;
    let cap = Math.max(64, this.opt.blockBytes);
    let buf = Buffer.allocUnsafe(cap + 1);
    let len = 0;
    let fileOff = start;
    let validated = 0;
    for (;;) {
      const want = Math.min(cap - len, end - fileOff);
      let n = 0;
      while (n < want) {
        const r = readSync(fd, buf, len + n, want - n, fileOff + n);
        if (r === 0) break;
        n += r;
      }
      fileOff += n;
      len += n;
      const eof = fileOff >= end || n < want;
      if (this.validate) validated = this.checkUtf8(buf, validated, len, eof);
      buf[len] = 10 /* LF */; // sentinel
      const p = this.parse(buf, len, eof);
      this.bytesDone = fileOff - start - (len - p);
      this.opt.onProgress?.(fileOff - start - (len - p), end - start);
      if (this.stop || (eof && p >= len)) break;
      if (eof) {
        // Only an incomplete record can be left at the end of the range: an unterminated quote.
        throw new Error('csv: parser stopped before the end of the range');
      }
      // Keep the incomplete record; grow the buffer if one record fills it.
      if (p === 0 && len === cap) {
        cap *= 2;
        const bigger = Buffer.allocUnsafe(cap + 1);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      } else if (p > 0) {
        buf.copy(buf, 0, p, len);
        len -= p;
        validated = Math.max(0, validated - p);
      }
    }
    if (this.row > 0 || (this.emitted === 0 && !this.stop)) this.emitChunk();
    if (this.opt.reuse) this.giveBackArrays();
    return { rows: this.chunkFirstRow - this.range.firstRow, nextLine: this.line, retyped: this.retyped, bytes: this.bytesDone };
  }

  /** Recomputes `runEnd` from `fastKinds` (in place: the fast path holds a reference). */
  private setRuns(): void {
    const kinds = this.fastKinds;
    const last = this.nf - 1;
    let end = last;
    for (let j = last; j >= 0; j--) {
      if (kinds[j] !== 1 /* number */ || j === last) end = j;
      this.runEnd[j] = kinds[j] === 1 /* number */ && j < last ? end : j;
    }
  }

  /** Leaves the (reused) chunk arrays for the next scan on this thread, within a memory limit. */
  private giveBackArrays(): void {
    const n = this.chunkRows;
    if (this.numCount !== 0) giveSpare(spareNum, this.flat, this.numCount * this.numStride);
    for (let j = 0; j < this.nf; j++) if (this.kinds[j] === 2 /* text */) giveSpare(spareCodes, this.codes[j], n);
  }

  /** Validates UTF-8 up to the last complete character; returns how far it is validated. */
  private checkUtf8(buf: Buffer, from: number, len: number, eof: boolean): number {
    let to = len;
    if (!eof) {
      // Do not cut a multi-byte character: stop before trailing non-ASCII bytes.
      let k = 0;
      while (to > from && k < 4 && buf[to - 1] >= 0x80) {
        to--;
        k++;
      }
    }
    if (to > from && !isUtf8(buf.subarray(from, to))) {
      const bad = firstInvalidUtf8(buf, from, to);
      let line = this.line;
      // `this.line` is the line of buf[0] (the start of the first unparsed record).
      for (let i = 0; i < bad; i++) if (buf[i] === 10 /* LF */) line++;
      throw new StaffwellError('format', 'the file is not UTF-8 text', {
        file: this.source,
        line,
        value: buf.toString('latin1', Math.max(0, bad - 10), Math.min(len, bad + 10)).replace(/[\r\n]/g, ' '),
        hint: 'it is probably Windows-1252 or Latin-1 (an older Excel "CSV"): save it as "CSV UTF-8", or read it with encoding "windows-1252"',
      });
    }
    return to;
  }

  /**
   * Parses the complete records in buf[0, len). Returns the offset of the first record not parsed (an
   * incomplete one when `eof` is false).
   */
  private parse(buf: Buffer, len: number, eof: boolean): number {
    const delim = this.delim;
    const nf = this.nf;
    const kinds = this.kinds;
    const num = this.num;
    const miss = this.miss;
    const numCodes = this.numCodes;
    const dec = this.decimalByte;
    const codes = this.codes;
    const dict = this.dict;
    // Records before `limit` (the end of the last complete line) are whole in the buffer; the fast path takes
    // those it can, and the general path below parses one record each time the fast path stops.
    const limit = eof ? len : len === 0 ? 0 : buf.lastIndexOf(10 /* LF */, len - 1) + 1;
    let misses = 0;
    let pos = 0;
    while (pos < len) {
      if (misses < 64 && pos < limit) {
        const p = this.fastRecords(buf, pos, limit);
        if (this.stop) return p;
        misses = p === pos ? misses + 1 : 0;
        pos = p;
        if (pos >= len) break;
      }
      const recStart = pos;
      const recLine = this.line;
      let c = buf[pos];
      if (c === 10 /* LF */ || c === 13 /* CR */) {
        // blank line
        if (c === 13 /* CR */ && pos + 1 >= len && !eof) return recStart;
        pos += c === 13 /* CR */ && buf[pos + 1] === 10 /* LF */ ? 2 : 1;
        this.line++;
        continue;
      }
      const row = this.row;
      let j = 0;
      let extraLines = 0;
      for (;;) {
        const kind = j < nf ? kinds[j] : 0 /* skip */;
        c = buf[pos];
        if (c === 34 /* " */) {
          const q = this.quoted(buf, pos, len, eof, kind !== 0 /* skip */, recLine + extraLines, j);
          if (q < 0) {
            this.line = recLine;
            return recStart;
          }
          extraLines += this.qLines;
          if (kind === 1 /* number */) num[j][row] = this.numberFromText(this.decode(this.qBuf, this.qS, this.qE), j, recLine);
          else if (kind === 2 /* text */) codes[j][row] = dict[j]!.code(this.qBuf, this.qS, this.qE);
          pos = q;
        } else if (kind === 1 /* number */) {
          // Fast path: [sign] digits [. digits], ≤ 15 digits, no leading zero in a multi-digit integer part.
          let q = pos;
          let neg = false;
          if (c === 45) {
            neg = true;
            c = buf[++q];
          } else if (c === 43) c = buf[++q];
          let mant = 0;
          let nd = 0;
          const lead0 = c === 48;
          while (c >= 48 && c <= 57) {
            mant = mant * 10 + (c - 48);
            nd++;
            c = buf[++q];
          }
          let ok = !(lead0 && nd > 1);
          let scale = 0;
          if (c === dec) {
            c = buf[++q];
            while (c >= 48 && c <= 57) {
              mant = mant * 10 + (c - 48);
              nd++;
              scale++;
              c = buf[++q];
            }
          }
          if (ok && (c === delim || c === 10 /* LF */ || c === 13 /* CR */) && nd <= 15) {
            if (nd > 0) {
              let x = neg ? -mant : mant;
              if (scale !== 0) x /= POW10[scale];
              if (numCodes[j] !== 0 && isMissingNumber(miss[j], x)) x = NaN;
              num[j][row] = x;
              pos = q;
            } else if (q === pos) {
              num[j][row] = NaN; // empty field
            } else ok = false;
          } else ok = false;
          if (!ok) {
            q = pos;
            c = buf[q];
            while (c !== delim && c !== 10 /* LF */ && c !== 13 /* CR */) c = buf[++q];
            if (q >= len && !eof) {
              this.line = recLine;
              return recStart; // the field may be cut by the end of the block
            }
            num[j][row] = this.numberFromText(this.decode(buf, pos, q), j, recLine);
            pos = q;
          }
        } else if (kind === 2 /* text */) {
          // Hash the bytes while looking for the end of the field (FNV-1a, as ByteDictionary).
          let q = pos;
          let h = 0x811c9dc5 | 0; // int32, as stored in the table
          while (c !== delim && c !== 10 /* LF */ && c !== 13 /* CR */) {
            h = Math.imul(h ^ c, 0x01000193);
            c = buf[++q];
          }
          if (q >= len && !eof) {
            this.line = recLine;
            return recStart; // the field may be cut by the end of the block
          }
          codes[j][row] = dict[j]!.codeHashed(buf, pos, q, h);
          pos = q;
        } else {
          let q = pos;
          while (c !== delim && c !== 10 /* LF */ && c !== 13 /* CR */) c = buf[++q];
          pos = q;
        }
        j++;
        if (pos < len && buf[pos] === delim) {
          pos++;
          continue;
        }
        break;
      }
      // pos is at the record's terminator (or the sentinel at len).
      if (pos + 1 >= len && !eof) {
        this.line = recLine;
        return recStart;
      }
      if (j !== nf) this.ragged(recLine, j);
      const expected = this.layout.firstDataLine + this.chunkFirstRow + row;
      if (this.rowLine === null && recLine !== expected) {
        this.rowLine = new Int32Array(this.chunkRows);
        for (let i = 0; i < row; i++) this.rowLine[i] = this.layout.firstDataLine + this.chunkFirstRow + i;
      }
      if (this.rowLine !== null) this.rowLine[row] = recLine;
      if (pos < len) pos += buf[pos] === 13 /* CR */ && buf[pos + 1] === 10 /* LF */ ? 2 : 1;
      else pos = len;
      this.line = recLine + extraLines + 1;
      this.row = row + 1;
      if (this.row === this.chunkRows) {
        this.emitChunk();
        if (this.opt.maxRows !== undefined && this.chunkFirstRow - this.range.firstRow >= this.opt.maxRows) {
          this.stop = true;
          return pos;
        }
      }
    }
    return pos;
  }

  /**
   * Runs `fast` from `pos` until it stops at a record it does not take or at `limit`, emitting each chunk it
   * fills. (`fast` returns at the end of a chunk so that its optimised code has no path that first runs long
   * after V8 optimised it: such a path deoptimises it, and parsing falls back to the interpreter until it is
   * optimised again. For the same reason its first calls in a scan return after a few rows, so that V8 has seen
   * it return before it optimises it.)
   */
  private fastRecords(buf: Buffer, pos: number, limit: number): number {
    for (;;) {
      const rowLimit = this.warmup > 0 ? (this.warmup--, Math.min(this.chunkRows, this.row + 16)) : this.chunkRows;
      const p = this.fast(buf, pos, limit, rowLimit);
      if (this.row !== rowLimit) return p; // a record it does not take, or `limit`
      if (this.row === this.chunkRows) {
        this.emitChunk();
        if (this.opt.maxRows !== undefined && this.chunkFirstRow - this.range.firstRow >= this.opt.maxRows) {
          this.stop = true;
          return p;
        }
      }
      pos = p;
    }
  }

  /**
   * The fast path: parses records from `pos` while they are simple — unquoted fields, numbers of the form
   * [-]digits[.digits] (≤ 15 digits, no leading zero) or empty, the header's number of fields, no blank line —
   * up to `limit` (every record starting before it is whole in the buffer). Returns the offset of the first
   * record it does not take (the general path parses that one, and repeats whatever this path wrote for it), or
   * `limit`, or once the chunk has `rowLimit` rows. The values are exactly those of the general path.
   */
  private fast(buf: Buffer, pos: number, limit: number, rowLimit: number): number {
    // `| 0` on the integers taken from fields: they are then int32 in the optimised code, with no Smi check or
    // untagging at each use in the byte loops (a field's representation is whatever V8 inferred for it).
    const delim = this.delim | 0;
    const nf = this.nf | 0;
    const last = nf - 1;
    // 1 number, 3 number with numeric missing codes, 2 text, 0 skip
    const kinds = this.fastKinds;
    const runEnd = this.runEnd;
    const numBase = this.numBase;
    const num = this.num;
    const codes = this.codes;
    const dict = this.dict;
    const miss = this.miss;
    const dec = this.decimalByte | 0;
    const chunkRows = this.chunkRows | 0;
    const stride = this.numStride | 0;
    const flat = this.flat;
    let row = this.row | 0;
    let line = this.line;
    let expected = this.layout.firstDataLine + this.chunkFirstRow + row;
    while (pos < limit) {
      const recStart = pos;
      let c = buf[pos];
      if (c === 10 /* LF */ || c === 13 /* CR */) break; // blank line
      let j = 0;
      for (;;) {
        // A run of plain number columns (not the last): the survey's items, whose fields are nearly all one
        // digit and a delimiter, or empty. This loop takes exactly those two forms and stores them straight into
        // `flat` (the next column is `stride` further on), with no per-field load of the column's kind or array
        // and no column counter (`o` tells where it is). Any other field leaves the run, unconsumed, to the
        // field code below, and the run resumes at the next column.
        const end = runEnd[j];
        if (end !== j) {
          let o = numBase[j] + row;
          const oEnd = o + (end - j) * stride;
          for (;;) {
            if (c >= 48 && c <= 57) {
              if (buf[pos + 1] !== delim) break; // c is not the sentinel, so pos + 1 <= len
              flat[o] = c - 48;
              pos += 2;
            } else if (c === delim) {
              flat[o] = NaN; // empty field
              pos++;
            } else break;
            c = buf[pos];
            o += stride;
            if (o === oEnd) break;
          }
          j = end - (((oEnd - o) / stride) | 0);
        }
        const kind = kinds[j];
        if ((kind & 1) !== 0 /* number */) {
          if (c >= 48 && c <= 57) {
            // (One digit and a delimiter in a plain number column was taken by the run loop above.)
            let x = c - 48;
            c = buf[++pos];
            if ((c >= 48 && c <= 57) || c === dec) {
              if (x === 0 && c !== dec) break; // leading zero: general path
              let nd = 1;
              while (c >= 48 && c <= 57) {
                x = x * 10 + (c - 48);
                nd++;
                c = buf[++pos];
              }
              if (c === dec) {
                let scale = 0;
                c = buf[++pos];
                while (c >= 48 && c <= 57) {
                  x = x * 10 + (c - 48);
                  nd++;
                  scale++;
                  c = buf[++pos];
                }
                if (scale !== 0) x /= POW10[scale];
              }
              if (nd > 15) break;
            }
            if (kind === 3 && isMissingNumber(miss[j], x)) x = NaN;
            num[j][row] = x;
          } else if (c === delim || c === 10 /* LF */ || c === 13 /* CR */) {
            num[j][row] = NaN; // empty field
          } else if (c === 45 /* - */) {
            c = buf[++pos];
            if (!(c >= 48 && c <= 57)) break;
            const lead0 = c === 48;
            let x = 0;
            let nd = 0;
            while (c >= 48 && c <= 57) {
              x = x * 10 + (c - 48);
              nd++;
              c = buf[++pos];
            }
            if (lead0 && nd > 1) break;
            if (c === dec) {
              let scale = 0;
              c = buf[++pos];
              while (c >= 48 && c <= 57) {
                x = x * 10 + (c - 48);
                nd++;
                scale++;
                c = buf[++pos];
              }
              if (scale !== 0) x /= POW10[scale];
            }
            if (nd > 15) break;
            x = -x;
            if (kind === 3 && isMissingNumber(miss[j], x)) x = NaN;
            num[j][row] = x;
          } else break;
        } else if (kind === 2 /* text */) {
          if (c === 34 /* " */) break;
          const s = pos;
          let h = 0x811c9dc5 | 0; // FNV-1a, as ByteDictionary
          while (c !== delim && c !== 10 /* LF */ && c !== 13 /* CR */) {
            h = Math.imul(h ^ c, 0x01000193);
            c = buf[++pos];
          }
          codes[j][row] = dict[j]!.codeHashed(buf, s, pos, h);
        } else {
          if (c === 34 /* " */) break;
          while (c !== delim && c !== 10 /* LF */ && c !== 13 /* CR */) c = buf[++pos];
        }
        // c = buf[pos]: the field's terminator, if the field was taken
        if (j === last) {
          if (c === delim) break; // too many fields
          j = nf;
          break;
        }
        if (c !== delim) break; // too few fields, or a field the general path must parse
        c = buf[++pos];
        j++;
      }
      if (j !== nf || (c !== 10 /* LF */ && c !== 13 /* CR */)) {
        pos = recStart;
        break;
      }
      if (line !== expected && this.rowLine === null) {
        this.rowLine = new Int32Array(chunkRows);
        for (let i = 0; i < row; i++) this.rowLine[i] = expected - row + i;
      }
      if (this.rowLine !== null) this.rowLine[row] = line;
      pos += c === 13 /* CR */ && buf[pos + 1] === 10 /* LF */ ? 2 : 1;
      line++;
      row++;
      expected++;
      if (row === rowLimit) break;
    }
    this.row = row;
    this.line = line;
    return pos > limit ? limit : pos;
  }

  /**
   * Parses a quoted field starting at `p` (the opening quote). Returns the offset after the closing quote
   * (and any spaces), or -1 if the buffer ends first and more data is coming. Sets qBuf/qS/qE and qLines.
   */
  private quoted(buf: Buffer, p: number, len: number, eof: boolean, want: boolean, line: number, j: number): number {
    let s = p + 1;
    let q = s;
    let lines = 0;
    let parts: Buffer[] | null = null;
    for (;;) {
      if (q >= len) {
        if (!eof) return -1;
        throw new CsvSyntaxError('format', 'a quoted field is never closed', {
          file: this.source,
          line,
          column: this.names[j],
          hint: 'a field that starts with a double quote must end with one; double any quote inside it ("")',
        });
      }
      const c = buf[q];
      if (c === 34 /* " */) {
        if (q + 1 >= len && !eof) return -1;
        if (buf[q + 1] === 34 /* " */ && q + 1 < len) {
          if (want) (parts ??= []).push(buf.subarray(s, q + 1));
          q += 2;
          s = q;
          continue;
        }
        break;
      }
      if (c === 10 /* LF */) lines++;
      else if (c === 13 /* CR */ && buf[q + 1] !== 10 /* LF */) {
        if (q + 1 >= len && !eof) return -1;
        lines++;
      }
      q++;
    }
    if (want) {
      if (parts) {
        parts.push(buf.subarray(s, q));
        this.qBuf = Buffer.concat(parts);
        this.qS = 0;
        this.qE = this.qBuf.length;
      } else {
        this.qBuf = buf;
        this.qS = s;
        this.qE = q;
      }
    }
    q++;
    while (q < len && buf[q] === 32) q++;
    if (q < len && buf[q] !== this.delim && buf[q] !== 10 /* LF */ && buf[q] !== 13 /* CR */) {
      throw new CsvSyntaxError('format', 'unexpected text after the closing quote of a field', {
        file: this.source,
        line: line + lines,
        column: this.names[j] ?? `#${j + 1}`,
        value: this.decode(buf, p, Math.min(len, q + 20)),
        hint: 'a quote inside a quoted field must be doubled ("")',
      });
    }
    if (q >= len && !eof) return -1;
    this.qLines = lines;
    return q;
  }

  /** A numeric column's value from a field's text (general path). */
  private numberFromText(s: string, j: number, line: number): number {
    const t = s.trim();
    if (t === '') return NaN;
    const m = this.miss[j];
    if (m.texts.has(t)) return NaN;
    const x = this.decimalByte === 44 ? (t.includes('.') ? NaN : parseNumber(t.replace(',', '.'))) : parseNumber(t);
    if (!Number.isNaN(x)) return m.numbers.length !== 0 && isMissingNumber(m, x) ? NaN : x;
    if (this.declared[j]) {
      throw new StaffwellError('not-numeric', 'text in a column declared numeric', {
        file: this.source,
        line,
        column: this.names[j],
        value: s,
        hint: textAnswerHint(s),
      });
    }
    if (!this.isRetyped[j]) {
      this.isRetyped[j] = 1;
      // Its values no longer matter (the scan only looks for other such columns): the fast path skips it.
      this.fastKinds[j] = 0 /* skip */;
      this.setRuns();
      this.retyped.push({ column: this.slotOf[j], line, value: s });
      this.emitting = false;
    }
    return NaN;
  }

  private ragged(line: number, found: number): never {
    throw new CsvSyntaxError('ragged-row', `the row has ${found} field${found === 1 ? '' : 's'} but the header has ${this.nf}`, {
      file: this.source,
      line,
      hint:
        found > this.nf
          ? `check for an unquoted "${String.fromCharCode(this.delim).replace('\t', '\\t')}" inside a value (quote such values), or a missing header name`
          : 'check for a missing separator or a line break inside an unquoted value',
    });
  }

  private emitChunk(): void {
    const n = this.row;
    if (this.emitting) {
      const full = n === this.chunkRows || (n * 2 >= this.chunkRows && !this.opt.reuse);
      const columns: Column[] = this.selected.map((j) => {
        const name = this.names[j];
        if (this.kinds[j] === 1 /* number */) {
          const v = this.num[j]!;
          return { kind: 'number', name, values: full ? v.subarray(0, n) : v.slice(0, n) };
        }
        const c = this.codes[j]!;
        return { kind: 'text', name, codes: full ? c.subarray(0, n) : c.slice(0, n), dictionary: this.dict[j]!.strings };
      });
      const rowLine = this.rowLine ? this.rowLine.slice(0, n) : undefined;
      this.opt.onChunk!(
        makeTable({ source: this.source, columns, nrows: n, firstRow: this.chunkFirstRow, firstDataLine: this.layout.firstDataLine, rowLine }),
      );
      this.emitted++;
    }
    this.allocChunk();
    this.chunkFirstRow += n;
    this.row = 0;
  }
}

/** Offset (relative to `from`) of the first byte that breaks UTF-8, for error messages. */
function firstInvalidUtf8(b: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = b[i];
    let n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= to || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return to;
}
