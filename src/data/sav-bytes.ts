import { StaffwellError } from '../errors.ts';

/**
 * A cursor over the bytes of an SPSS system file, with the file's byte order, that turns every short read into a
 * `StaffwellError` naming the file, the byte offset and what was being read.
 *
 * When `partial` is set the bytes are only the head of a larger file (metadata reads): running out of bytes then
 * throws {@link NeedMoreBytes} so the caller can read more and start again.
 */
export class SavBytes {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly source: string;
  /** True if the file is little-endian (decided from the header's layout code). */
  le = true;
  pos = 0;
  readonly partial: boolean;

  constructor(bytes: Uint8Array, source: string, partial = false) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.source = source;
    this.partial = partial;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless `n` bytes remain at the cursor. `what` names the thing being read, for the message. */
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.bytes.length) {
      if (this.partial) throw new NeedMoreBytes(this.pos + Math.max(n, 0));
      throw truncatedError(this.source, what, this.pos, n, this.bytes.length - this.pos);
    }
  }

  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, this.le);
    this.pos += 4;
    return v;
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.pos, this.le);
    this.pos += 8;
    return v;
  }

  /** A 64-bit integer as a JS number (exact below 2^53, which any real file offset is). */
  i64(what: string): number {
    this.need(8, what);
    const v = Number(this.view.getBigInt64(this.pos, this.le));
    this.pos += 8;
    return v;
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++];
  }

  /** A view (not a copy) of the next `n` bytes. */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  /** A `format` error at a byte offset (default: the cursor), naming the record type where useful. */
  fail(problem: string, opts: { offset?: number; record?: string; value?: unknown; hint?: string } = {}): StaffwellError {
    return savFormatError(this.source, problem, opts.offset ?? this.pos, opts.record, opts.value, opts.hint);
  }
}

/** Thrown (internally) when a partial head of the file was not long enough; never reaches the user. */
export class NeedMoreBytes extends Error {
  readonly atLeast: number;
  constructor(atLeast: number) {
    super(`need at least ${atLeast} bytes`);
    this.atLeast = atLeast;
  }
}

const DEFAULT_HINT =
  'the file is damaged or was not written as an SPSS system file; open it in SPSS or PSPP to check it, or export it again';

export function savFormatError(
  source: string,
  problem: string,
  offset: number | undefined,
  record?: string,
  value?: unknown,
  hint?: string,
): StaffwellError {
  const where = [record, offset === undefined ? undefined : `at byte offset ${offset}`].filter(Boolean).join(' ');
  return new StaffwellError('format', where ? `${problem} (${where})` : problem, {
    file: source,
    value,
    hint: hint ?? DEFAULT_HINT,
  });
}

export function truncatedError(source: string, what: string, offset: number, needed: number, left: number): StaffwellError {
  return new StaffwellError(
    'format',
    `the file ends early: reading ${what} at byte offset ${offset} needs ${needed} bytes but only ${Math.max(left, 0)} remain`,
    {
      file: source,
      hint: 'the file is incomplete (an interrupted download or copy?); copy or export it again from SPSS, PSPP or R',
    },
  );
}
