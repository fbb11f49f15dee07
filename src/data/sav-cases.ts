import { inflateSync } from 'node:zlib';
import { SavBytes, savFormatError, truncatedError } from './sav-bytes.ts';
import type { SavDictionary } from './sav-dictionary.ts';

/**
 * The data of an SPSS system file, decoded in one pass into typed arrays: a Float64Array per numeric variable
 * (system-missing = NaN) and dictionary codes per string variable (empty = -1).
 *
 * A case is `nSlots` 8-byte slots. A slot plan computed once from the dictionary says, for every slot, which
 * column it feeds and (for strings) where its bytes go in the case's text buffer, so the hot loops do no lookups.
 *
 * - Uncompressed: each slot is a float64 or 8 string bytes.
 * - Bytecode: blocks of 8 command bytes, each followed by the 8-byte values its 253 codes need. Codes: 0 skip,
 *   1-251 the number `code - bias`, 252 end of data, 253 a raw value follows, 254 eight spaces, 255 SYSMIS.
 * - ZSAV: the bytecode stream in zlib blocks listed by a trailer; the blocks are inflated and decoded as one
 *   stream.
 */

export interface DecodedCases {
  readonly nrows: number;
  /** Per dictionary variable: the values of a numeric variable (undefined for strings). */
  readonly numbers: readonly (Float64Array | undefined)[];
  /** Per dictionary variable: codes and dictionary of a string variable (undefined for numbers). */
  readonly texts: readonly ({ codes: Int32Array; dictionary: string[] } | undefined)[];
}

/** Decides, once per distinct value, whether the text of string variable `v` is missing. */
export type TextIsMissing = (v: number, text: string) => boolean;

const SLOT_SKIP = 0;
const SLOT_NUMBER = 1;
const SLOT_TEXT = 2;

interface SlotPlan {
  readonly kind: Uint8Array;
  /** Numeric slot: index into the numeric column list; text slot: byte offset in the case's text buffer. */
  readonly target: Int32Array;
  /** Text slot: number of the slot's 8 bytes that belong to the string. */
  readonly len: Int32Array;
  /** Dictionary variable index of each numeric column. */
  readonly numVars: number[];
  /** Dictionary variable index, buffer start and used width of each string variable. */
  readonly textVars: number[];
  readonly textStart: Int32Array;
  readonly textWidth: Int32Array;
  readonly textBytes: number;
}

function planSlots(dict: SavDictionary): SlotPlan {
  const n = dict.nSlots;
  const kind = new Uint8Array(n).fill(SLOT_SKIP); // every slot is then claimed by a variable
  const target = new Int32Array(n);
  const len = new Int32Array(n);
  const numVars: number[] = [];
  const textVars: number[] = [];
  const starts: number[] = [];
  const widths: number[] = [];
  let textBytes = 0;
  dict.variables.forEach((v, vi) => {
    if (v.type === 'number') {
      const s = v.segments[0].slot;
      kind[s] = SLOT_NUMBER;
      target[s] = numVars.length;
      numVars.push(vi);
      return;
    }
    const start = textBytes;
    for (const seg of v.segments) {
      for (let k = 0; k < seg.nSlots; k++) {
        const s = seg.slot + k;
        kind[s] = SLOT_TEXT;
        target[s] = textBytes + 8 * k;
        len[s] = Math.max(0, Math.min(8, seg.width - 8 * k));
      }
      textBytes += seg.width;
    }
    textVars.push(vi);
    starts.push(start);
    widths.push(Math.min(v.width, textBytes - start));
  });
  return {
    kind,
    target,
    len,
    numVars,
    textVars,
    textStart: Int32Array.from(starts),
    textWidth: Int32Array.from(widths),
    textBytes,
  };
}

/** Interns the text of one string variable: one Map lookup per case, one decode per distinct value. */
class TextSink {
  codes: Int32Array;
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly decode: (b: Uint8Array) => string;
  private readonly isMissing: (text: string) => boolean;

  constructor(capacity: number, decode: (b: Uint8Array) => string, isMissing: (text: string) => boolean) {
    this.codes = new Int32Array(capacity);
    this.decode = decode;
    this.isMissing = isMissing;
  }

  /** Stores row `row` from `buf[start, end)` (trailing spaces and NULs already trimmed by the caller). */
  add(row: number, buf: Buffer, start: number, end: number): void {
    if (end === start) {
      this.codes[row] = -1;
      return;
    }
    const key = buf.toString('latin1', start, end); // a byte-exact key; decoding happens once per distinct value
    let code = this.index.get(key);
    if (code === undefined) {
      const text = this.decode(buf.subarray(start, end));
      if (this.isMissing(text)) code = -1;
      else {
        code = this.dictionary.length;
        this.dictionary.push(text);
      }
      this.index.set(key, code);
    }
    this.codes[row] = code;
  }
}

/** Reads all cases. `r.pos` must be at `dict.dataOffset`. */
export function readSavCases(r: SavBytes, dict: SavDictionary, textIsMissing: TextIsMissing): DecodedCases {
  const plan = planSlots(dict);
  let stream = r.bytes;
  let start = dict.dataOffset;
  let inflated = false;
  if (dict.compression === 'zlib') {
    stream = inflateZsav(r, dict);
    start = 0;
    inflated = true;
  }
  const end = stream.length;
  const avail = end - start;
  const nSlots = dict.nSlots;
  // An upper bound on the number of cases the bytes can hold (a compressed slot takes at least one byte).
  const bound = nSlots === 0 ? 0 : dict.compression === 'none' ? Math.floor(avail / (8 * nSlots)) : Math.floor(avail / nSlots) + 1;
  const capacity = dict.nCases >= 0 ? Math.min(dict.nCases, bound) : bound;

  const nums = plan.numVars.map(() => new Float64Array(capacity));
  const sinks = plan.textVars.map(
    (vi) => new TextSink(capacity, dict.decode, (text) => textIsMissing(vi, text)),
  );
  const textBuf = Buffer.alloc(plan.textBytes, 0x20);
  const ctx: LoopContext = { r, dict, plan, nums, sinks, textBuf, stream, start, end, inflated };
  const nrows = nSlots === 0 ? 0 : dict.compression === 'none' ? decodeUncompressed(ctx) : decodeBytecode(ctx);

  const numbers: (Float64Array | undefined)[] = dict.variables.map(() => undefined);
  const texts: ({ codes: Int32Array; dictionary: string[] } | undefined)[] = dict.variables.map(() => undefined);
  plan.numVars.forEach((vi, j) => (numbers[vi] = nrows === capacity ? nums[j] : nums[j].slice(0, nrows)));
  plan.textVars.forEach((vi, j) => {
    const s = sinks[j];
    texts[vi] = { codes: nrows === capacity ? s.codes : s.codes.slice(0, nrows), dictionary: s.dictionary };
  });
  return { nrows, numbers, texts };
}

interface LoopContext {
  r: SavBytes;
  dict: SavDictionary;
  plan: SlotPlan;
  nums: Float64Array[];
  sinks: TextSink[];
  textBuf: Buffer;
  stream: Uint8Array;
  start: number;
  end: number;
  inflated: boolean;
}

/** Ends a case: hands every string variable's trimmed bytes to its sink. */
function flushText(ctx: LoopContext, row: number): void {
  const { plan, sinks, textBuf } = ctx;
  for (let j = 0; j < sinks.length; j++) {
    const s = plan.textStart[j];
    let e = s + plan.textWidth[j];
    while (e > s && (textBuf[e - 1] === 0x20 || textBuf[e - 1] === 0)) e--;
    sinks[j].add(row, textBuf, s, e);
  }
}

function decodeUncompressed(ctx: LoopContext): number {
  const { r, dict, plan, nums, textBuf, start, end } = ctx;
  const { kind, target, len } = plan;
  const nSlots = dict.nSlots;
  const caseBytes = 8 * nSlots;
  const view = r.view;
  const bytes = r.bytes;
  const le = r.le;
  const sysmis = dict.sysmis;
  const whole = Math.floor((end - start) / caseBytes);
  let nrows: number;
  if (dict.nCases >= 0) {
    if (whole < dict.nCases) throw shortFile(ctx, whole, start + whole * caseBytes);
    nrows = dict.nCases;
  } else {
    if ((end - start) % caseBytes !== 0) {
      throw savFormatError(r.source, `the file ends in the middle of case ${whole + 1}`, start + whole * caseBytes, 'in the data', undefined, TRUNCATED_HINT);
    }
    nrows = whole;
  }
  const hasText = plan.textVars.length > 0;
  let p = start;
  for (let row = 0; row < nrows; row++) {
    for (let s = 0; s < nSlots; s++, p += 8) {
      const k = kind[s];
      if (k === SLOT_NUMBER) {
        const v = view.getFloat64(p, le);
        nums[target[s]][row] = v === sysmis ? NaN : v;
      } else if (k === SLOT_TEXT) {
        const t = target[s];
        const n = len[s];
        for (let b = 0; b < n; b++) textBuf[t + b] = bytes[p + b];
      }
    }
    if (hasText) flushText(ctx, row);
  }
  return nrows;
}

function decodeBytecode(ctx: LoopContext): number {
  const { r, dict, plan, nums, textBuf, stream, start, end } = ctx;
  const { kind, target, len } = plan;
  const nSlots = dict.nSlots;
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const le = r.le;
  const bias = dict.bias;
  const sysmis = dict.sysmis;
  const nCases = dict.nCases;
  const hasText = plan.textVars.length > 0;
  let dp = start; // next unread byte: the next command block or a raw value
  let cmd = 0; // start of the current command block
  let ci = 8; // next command within the block (8 = block used up)
  let row = 0;
  rows: while (nCases < 0 || row < nCases) {
    for (let s = 0; s < nSlots; s++) {
      let code = 0;
      do {
        if (ci === 8) {
          if (dp + 8 > end) {
            if (s === 0 && dp === end && nCases < 0) break rows;
            if (s === 0 && dp === end) throw shortFile(ctx, row, dp);
            throw midCase(ctx, row, dp);
          }
          cmd = dp;
          dp += 8;
          ci = 0;
        }
        code = stream[cmd + ci++];
      } while (code === 0);
      const k = kind[s];
      if (code === 252) {
        if (s === 0 && nCases < 0) break rows;
        if (s === 0) throw shortFile(ctx, row, cmd + ci - 1);
        throw midCase(ctx, row, cmd + ci - 1);
      }
      if (k === SLOT_NUMBER) {
        let v: number;
        if (code < 252) v = code - bias;
        else if (code === 253) {
          if (dp + 8 > end) throw midCase(ctx, row, dp);
          v = view.getFloat64(dp, le);
          dp += 8;
          if (v === sysmis) v = NaN;
        } else v = NaN; // 255 = SYSMIS; 254 (spaces in a number) is read as missing, as PSPP does
        nums[target[s]][row] = v;
      } else if (k === SLOT_TEXT) {
        const t = target[s];
        const n = len[s];
        if (code === 253) {
          if (dp + 8 > end) throw midCase(ctx, row, dp);
          for (let b = 0; b < n; b++) textBuf[t + b] = stream[dp + b];
          dp += 8;
        } else if (code === 254) {
          textBuf.fill(0x20, t, t + n);
        } else {
          throw badCode(ctx, code, row, s, cmd + ci - 1);
        }
      } else if (code === 253) {
        if (dp + 8 > end) throw midCase(ctx, row, dp);
        dp += 8;
      }
    }
    if (hasText) flushText(ctx, row);
    row++;
  }
  return row;
}

const TRUNCATED_HINT = 'the file is incomplete (an interrupted download or copy?); copy or export it again from SPSS, PSPP or R';

function where(ctx: LoopContext): string {
  return ctx.inflated ? 'in the decompressed ZSAV data' : 'in the data';
}

function shortFile(ctx: LoopContext, rows: number, offset: number) {
  return savFormatError(
    ctx.r.source,
    `the file ends after ${rows} of the ${ctx.dict.nCases} cases its header announces`,
    offset,
    where(ctx),
    undefined,
    TRUNCATED_HINT,
  );
}

function midCase(ctx: LoopContext, row: number, offset: number) {
  return savFormatError(ctx.r.source, `the file ends in the middle of case ${row + 1}`, offset, where(ctx), undefined, TRUNCATED_HINT);
}

function badCode(ctx: LoopContext, code: number, row: number, slot: number, offset: number) {
  const v = ctx.dict.variables.find((x) => x.segments.some((g) => slot >= g.slot && slot < g.slot + g.nSlots));
  return savFormatError(
    ctx.r.source,
    `corrupt compressed data: compression code ${code} where string variable "${v?.name ?? '?'}" of case ${row + 1} expects text (code 253 or 254)`,
    offset,
    where(ctx),
    code,
    'the file is damaged; open it in SPSS or PSPP to check it, or export it again',
  );
}

/** Inflates the zlib blocks of a ZSAV file (header, blocks, trailer) into one bytecode stream. */
function inflateZsav(r: SavBytes, dict: SavDictionary): Uint8Array {
  r.pos = dict.dataOffset;
  const zheaderOfs = r.i64('the ZSAV header');
  const ztrailerOfs = r.i64('the ZSAV header');
  const ztrailerLen = r.i64('the ZSAV header');
  if (zheaderOfs !== dict.dataOffset) {
    throw r.fail('the ZSAV header does not point to itself', { offset: dict.dataOffset, record: 'in the ZSAV header', value: zheaderOfs });
  }
  if (ztrailerOfs < r.pos || ztrailerLen < 24 || ztrailerOfs + ztrailerLen > r.length) {
    if (ztrailerOfs >= r.pos && ztrailerOfs + ztrailerLen > r.length) {
      throw truncatedError(r.source, 'the ZSAV block index (trailer)', ztrailerOfs, ztrailerLen, r.length - ztrailerOfs);
    }
    throw r.fail('the ZSAV header points to an impossible trailer', { offset: dict.dataOffset + 8, record: 'in the ZSAV header', value: `${ztrailerOfs}+${ztrailerLen}` });
  }
  r.pos = ztrailerOfs;
  r.i64('the ZSAV trailer'); // -bias
  r.i64('the ZSAV trailer'); // zero
  r.i32('the ZSAV trailer'); // block size
  const nBlocks = r.i32('the ZSAV trailer');
  if (nBlocks < 0 || 24 + 24 * nBlocks !== ztrailerLen) {
    throw r.fail('the ZSAV trailer lists a number of blocks that does not match its length', { offset: ztrailerOfs + 20, record: 'in the ZSAV trailer', value: nBlocks });
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let b = 0; b < nBlocks; b++) {
    const entryAt = r.pos;
    r.i64('a ZSAV block entry'); // uncompressed offset
    const cOfs = r.i64('a ZSAV block entry');
    const uSize = r.i32('a ZSAV block entry');
    const cSize = r.i32('a ZSAV block entry');
    if (cOfs < dict.dataOffset + 24 || cSize < 0 || cOfs + cSize > ztrailerOfs || uSize < 0) {
      throw r.fail(`ZSAV block ${b + 1} of ${nBlocks} lies outside the compressed data`, { offset: entryAt, record: 'in the ZSAV trailer', value: `${cOfs}+${cSize}` });
    }
    let out: Uint8Array;
    try {
      out = inflateSync(r.bytes.subarray(cOfs, cOfs + cSize));
    } catch (e) {
      throw savFormatError(
        r.source,
        `ZSAV block ${b + 1} of ${nBlocks} cannot be decompressed (${(e as Error).message})`,
        cOfs,
        'in the ZSAV data',
        undefined,
        'the file is damaged; open it in SPSS or PSPP to check it, or export it again',
      );
    }
    if (out.length !== uSize) {
      throw savFormatError(r.source, `ZSAV block ${b + 1} of ${nBlocks} decompresses to ${out.length} bytes instead of ${uSize}`, cOfs, 'in the ZSAV data');
    }
    parts.push(out);
    total += out.length;
  }
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  return all;
}
