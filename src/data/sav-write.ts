import { StaffwellError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';

/** One variable of a .sav file to write. */
export type SavWriteVariable =
  | {
      readonly name: string;
      readonly label?: string;
      readonly type: 'number';
      /** NaN = system-missing. */
      readonly values: ArrayLike<number>;
      /** Decimals of the print format (default 2: F8.2). */
      readonly decimals?: number;
      /** Value labels (e.g. a classification's codes). */
      readonly valueLabels?: readonly { readonly value: number; readonly label: string }[];
      readonly measure?: 'nominal' | 'ordinal' | 'scale';
    }
  | {
      readonly name: string;
      readonly label?: string;
      readonly type: 'text';
      /** null = empty. */
      readonly values: ArrayLike<string | null>;
    };

const SYSMIS = -Number.MAX_VALUE;
const MAX_STRING = 255;
const enc = new TextEncoder();

/**
 * An SPSS system file (.sav, uncompressed, little-endian, UTF-8 text declared in record 7.20) from columns:
 * numbers as F8.d with value labels and a measurement level, text as A(w) up to 255 bytes, variable labels, long
 * variable names (record 7.13) and the encoding. Read by SPSS, PSPP, R's haven and Staffwell's own reader
 * (test/data/sav-write.test.ts and test/fixtures/r/sav-write-check.R). Bytes only; {@link writeSav} writes them
 * atomically.
 */
export function savBytes(variables: readonly SavWriteVariable[], options: { fileLabel?: string; nrows?: number } = {}): Uint8Array {
  const nrows = options.nrows ?? (variables.length ? variables[0].values.length : 0);
  const names = new Set<string>();
  for (const v of variables) {
    if (!/^[A-Za-z@][A-Za-z0-9_.@#$]*$/.test(v.name) || enc.encode(v.name).length > 64 || v.name.endsWith('.'))
      throw new StaffwellError('invalid-option', 'not a valid SPSS variable name', { field: 'name', value: v.name, hint: 'use letters, digits and _ (at most 64 bytes), starting with a letter' });
    if (names.has(v.name.toUpperCase())) throw new StaffwellError('invalid-option', 'two variables share a name (SPSS names ignore case)', { field: 'name', value: v.name, hint: 'rename one of them' });
    names.add(v.name.toUpperCase());
    if (v.values.length !== nrows) throw new StaffwellError('invalid-option', `variable ${v.name} has ${v.values.length} values, not ${nrows}`, { field: v.name, value: v.values.length, hint: 'give every variable one value per row' });
  }
  // String widths: the longest value in bytes (at least 1, at most 255; longer values are an error).
  const widths = variables.map((v) => {
    if (v.type === 'number') return 0;
    let w = 1;
    for (let i = 0; i < nrows; i++) {
      const s = v.values[i];
      if (s === null) continue;
      const b = enc.encode(s).length;
      if (b > MAX_STRING) throw new StaffwellError('invalid-option', `a text value of ${v.name} is longer than ${MAX_STRING} bytes`, { field: v.name, value: s.slice(0, 40) + '…', hint: 'shorten it (long strings are not written)' });
      w = Math.max(w, b);
    }
    return w;
  });
  const segments = widths.map((w) => (w === 0 ? 1 : Math.ceil(w / 8)));
  const caseSize = segments.reduce((a, b) => a + b, 0);
  const shortNames = makeShortNames(variables.map((v) => v.name));
  const out = new ByteWriter();
  // ---- Header (176 bytes).
  out.ascii('$FL2', 4);
  out.ascii('@(#) SPSS DATA FILE Staffwell', 60);
  out.i32(2);
  out.i32(caseSize);
  out.i32(0); // no compression
  out.i32(0); // no weight
  out.i32(nrows);
  out.f64(100);
  out.ascii('01 Jan 70', 9);
  out.ascii('00:00:00', 8);
  out.text(options.fileLabel ?? '', 64);
  out.ascii('', 3);
  // ---- Variable records (type 2), with continuation records for strings over 8 bytes.
  variables.forEach((v, j) => {
    const w = widths[j];
    const fmt = v.type === 'number' ? (5 << 16) | (8 << 8) | (v.decimals ?? 2) : (1 << 16) | (w << 8);
    out.i32(2);
    out.i32(v.type === 'number' ? 0 : w);
    out.i32(v.label ? 1 : 0);
    out.i32(0);
    out.i32(fmt);
    out.i32(fmt);
    out.ascii(shortNames[j], 8);
    if (v.label) {
      const b = truncateUtf8(v.label, 255);
      out.i32(b.length);
      out.bytes(b, Math.ceil(b.length / 4) * 4);
    }
    for (let s = 1; s < segments[j]; s++) {
      out.i32(2);
      out.i32(-1);
      out.i32(0);
      out.i32(0);
      out.i32(0x011d01);
      out.i32(0x011d01);
      out.ascii('', 8);
    }
  });
  // ---- Value labels (types 3 and 4), numeric variables only.
  let index = 1;
  variables.forEach((v, j) => {
    if (v.type === 'number' && v.valueLabels?.length) {
      out.i32(3);
      out.i32(v.valueLabels.length);
      for (const l of v.valueLabels) {
        out.f64(l.value);
        const b = truncateUtf8(l.label, 120);
        out.u8(b.length);
        out.bytes(b, Math.ceil((b.length + 1) / 8) * 8 - 1);
      }
      out.i32(4);
      out.i32(1);
      out.i32(index);
    }
    index += segments[j];
  });
  // ---- Extension records: machine integer info (7.3), floating point info (7.4), measurement levels (7.11),
  // long variable names (7.13), character encoding (7.20).
  out.ext(3, 4, [1, 0, 0, -1, 1, 1, 2, 65001]);
  out.extF64(4, [SYSMIS, Number.MAX_VALUE, -1.7976931348623155e308]);
  const measure = variables.flatMap((v) => {
    const m = v.type === 'text' ? 1 : v.measure === 'nominal' ? 1 : v.measure === 'ordinal' ? 2 : 3;
    const width = v.type === 'text' ? Math.min(Math.max(widths[variables.indexOf(v)], 8), 40) : 8;
    return [m, width, v.type === 'text' ? 0 : 1];
  });
  out.ext(11, 4, measure);
  out.extBytes(13, enc.encode(variables.map((v, j) => `${shortNames[j]}=${v.name}`).join('\t')));
  out.extBytes(20, enc.encode('UTF-8'));
  out.i32(999);
  out.i32(0);
  // ---- Data.
  const pad = new Uint8Array(8).fill(0x20);
  for (let i = 0; i < nrows; i++) {
    variables.forEach((v, j) => {
      if (v.type === 'number') {
        const x = v.values[i];
        out.f64(Number.isFinite(x) ? x : SYSMIS);
      } else {
        const s = v.values[i];
        const b = s === null ? new Uint8Array(0) : enc.encode(s);
        out.bytes(b, segments[j] * 8, pad[0]);
      }
    });
  }
  return out.done();
}

/** Writes {@link savBytes} to `path` atomically (nothing at the path unless the whole file is written). */
export function writeSav(path: string, variables: readonly SavWriteVariable[], options: { fileLabel?: string; nrows?: number } = {}): void {
  writeFileAtomic(path, savBytes(variables, options));
}

/** Unique 8-byte upper-case short names (SPSS's record 2 names), the long names mapped to them in record 7.13. */
function makeShortNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let base = n.toUpperCase().replace(/[^A-Z0-9_@#$.]/g, '_').slice(0, 8);
    if (!/^[A-Z@]/.test(base)) base = ('V' + base).slice(0, 8);
    let s = base;
    for (let k = 1; used.has(s); k++) s = base.slice(0, 8 - String(k).length) + k;
    used.add(s);
    return s;
  });
}

function truncateUtf8(s: string, max: number): Uint8Array {
  let b = enc.encode(s);
  if (b.length <= max) return b;
  let cut = max;
  while (cut > 0 && (b[cut] & 0xc0) === 0x80) cut--;
  b = b.subarray(0, cut);
  return b;
}

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private n = 0;
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  i32(x: number): void {
    this.room(4);
    this.view.setInt32(this.n, x, true);
    this.n += 4;
  }
  u8(x: number): void {
    this.room(1);
    this.buf[this.n++] = x;
  }
  f64(x: number): void {
    this.room(8);
    this.view.setFloat64(this.n, x, true);
    this.n += 8;
  }
  /** `b` padded (spaces by default) or cut to `width` bytes. */
  bytes(b: Uint8Array, width: number, fill = 0x20): void {
    this.room(width);
    const k = Math.min(b.length, width);
    this.buf.set(b.subarray(0, k), this.n);
    this.buf.fill(fill, this.n + k, this.n + width);
    this.n += width;
  }
  ascii(s: string, width: number): void {
    this.bytes(enc.encode(s), width);
  }
  text(s: string, width: number): void {
    this.bytes(truncateUtf8(s, width), width);
  }
  ext(subtype: number, size: number, ints: readonly number[]): void {
    this.i32(7);
    this.i32(subtype);
    this.i32(size);
    this.i32(ints.length);
    for (const x of ints) this.i32(x);
  }
  extF64(subtype: number, xs: readonly number[]): void {
    this.i32(7);
    this.i32(subtype);
    this.i32(8);
    this.i32(xs.length);
    for (const x of xs) this.f64(x);
  }
  extBytes(subtype: number, b: Uint8Array): void {
    this.i32(7);
    this.i32(subtype);
    this.i32(1);
    this.i32(b.length);
    this.bytes(b, b.length);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}
