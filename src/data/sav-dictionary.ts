import { SavBytes } from './sav-bytes.ts';
import { makeSavDecoder, savEncodingName, type SavEncoding } from './sav-encoding.ts';
import { isSavDateFormat, savFormatName } from './sav-format.ts';
import { StaffwellError } from '../errors.ts';

/**
 * The dictionary of an SPSS system file: header (record 1), variables (record 2 and its continuation records),
 * value labels (records 3 and 4), documents (record 6), extension records (record 7, subtypes 3, 4, 11, 13, 14,
 * 20, 21, 22; other subtypes are skipped) up to the end-of-dictionary record 999.
 *
 * Layout follows PSPP's "System File Format" appendix. Strings in the dictionary are kept as bytes while the
 * records are read and decoded at the end, because the encoding (record 7.20) comes after most of them.
 */

export type SavCompression = 'none' | 'bytecode' | 'zlib';
export type SavMeasure = 'unknown' | 'nominal' | 'ordinal' | 'scale';

/** A piece of a variable's data in each case: `nSlots` 8-byte slots from `slot`, of which `width` bytes count. */
export interface SavSegment {
  readonly slot: number;
  readonly nSlots: number;
  readonly width: number;
}

export interface SavMissing {
  /** Discrete user-missing values (numbers for numeric variables, strings for string variables). */
  readonly values: readonly (number | string)[];
  /** A user-missing range `[low, high]` (numeric only); LO and HI are -Infinity and Infinity. */
  readonly range?: readonly [number, number];
}

export interface SavVariable {
  /** Name as the user sees it (the long name of record 7.13 when there is one). */
  readonly name: string;
  /** The 8-byte short name of record 2. */
  readonly shortName: string;
  readonly type: 'number' | 'text';
  /** String width in bytes (very long strings: the full width), 8 for numbers. */
  readonly width: number;
  readonly label?: string;
  /** Print format, e.g. `F8.2`, `A20`. */
  readonly format: string;
  readonly writeFormat: string;
  /** True if the print format is a date or time: the values are SPSS seconds since 14 October 1582. */
  readonly date: boolean;
  readonly measure: SavMeasure;
  readonly displayWidth?: number;
  readonly alignment?: 'left' | 'right' | 'centre';
  readonly missing: SavMissing;
  /** Value labels in file order. */
  readonly valueLabels: readonly { readonly value: number | string; readonly label: string }[];
  /** Where the variable's bytes are in a case (one segment, or several for a very long string). */
  readonly segments: readonly SavSegment[];
}

export interface SavDictionary {
  readonly source: string;
  readonly product: string;
  readonly fileLabel: string;
  /** Creation date and time as written (`22 Nov 26 22:42:53`). */
  readonly created: string;
  readonly littleEndian: boolean;
  readonly compression: SavCompression;
  /** Number of cases from the header, or -1 if the writer did not know it. */
  readonly nCases: number;
  readonly bias: number;
  readonly sysmis: number;
  readonly highest: number;
  readonly lowest: number;
  readonly encoding: SavEncoding;
  readonly decode: (bytes: Uint8Array) => string;
  /** Number of 8-byte slots in one uncompressed case. */
  readonly nSlots: number;
  readonly variables: readonly SavVariable[];
  readonly weightVariable?: string;
  readonly documents: readonly string[];
  /** Byte offset just after record 999, where the data (or the ZSAV header) begins. */
  readonly dataOffset: number;
}

interface RawVariable {
  slot: number;
  nSlots: number;
  /** 0 numeric, 1..255 string width. */
  width: number;
  shortName: Uint8Array;
  label?: Uint8Array;
  nMissing: number;
  missing: Uint8Array[];
  print: number;
  write: number;
  offset: number;
  labels: { value: Uint8Array; label: Uint8Array }[];
}

interface LongLabelSet {
  name: Uint8Array;
  labels: { value: Uint8Array; label: Uint8Array }[];
}

interface LongMissing {
  name: Uint8Array;
  values: Uint8Array[];
}

const MEASURES: Record<number, SavMeasure> = { 0: 'unknown', 1: 'nominal', 2: 'ordinal', 3: 'scale' };
const ALIGNMENTS: Record<number, 'left' | 'right' | 'centre'> = { 0: 'left', 1: 'right', 2: 'centre' };
const ASCII = new TextDecoder('latin1');

/** Reads records 1 to 999. `r.pos` must be 0; on return it is at the first byte after record 999. */
export function readSavDictionary(r: SavBytes): SavDictionary {
  const src = r.source;
  // ---- Record 1: file header (176 bytes).
  if (isEncrypted(r.bytes)) {
    throw new StaffwellError('unsupported', 'the file is an encrypted (password-protected) SPSS file', {
      file: src,
      hint: 'open it in SPSS with its password and save it again without a password (File > Save As, untick "Encrypt file with password"), or decrypt it with pspp-convert --password=PASSWORD FILE.sav PLAIN.sav',
    });
  }
  if (r.length > 0 && r.length < 4 && isMagic(Uint8Array.from([...r.bytes, ...ASCII_MAGIC.subarray(r.length)]))) {
    r.need(176, 'the file header (record 1)'); // the start of "$FL2": a file cut short
  }
  if (r.length < 4 || !isMagic(r.bytes)) {
    const head = r.bytes.subarray(0, Math.min(r.length, 16));
    throw new StaffwellError('format', `not an SPSS system file (it starts with ${describeStart(head)})`, {
      file: src,
      hint: 'a .sav file starts with "$FL2" (or "$FL3" for .zsav); check that this is the SPSS data file and not a syntax (.sps), output (.spv) or portable (.por) file, or export it again as .sav',
    });
  }
  const magic = ASCII.decode(r.bytes.subarray(0, 4));
  r.need(176, 'the file header (record 1)');
  const layoutLE = r.view.getInt32(64, true);
  if (layoutLE === 2 || layoutLE === 3) r.le = true;
  else {
    const layoutBE = r.view.getInt32(64, false);
    if (layoutBE !== 2 && layoutBE !== 3) {
      throw r.fail('the header has no valid layout code (expected 2 or 3), so its byte order is unknown', {
        offset: 64,
        record: 'in record type 1 (header)',
        value: layoutLE,
      });
    }
    r.le = false;
  }
  const product = trimEnd(ASCII.decode(r.bytes.subarray(4, 64)));
  r.pos = 68;
  r.i32('the header'); // nominal case size: the variable records are authoritative (PSPP only warns on a mismatch)
  const compressionCode = r.i32('the header');
  const weightIndex = r.i32('the header');
  const nCases = r.i32('the header');
  const bias = r.f64('the header');
  const created = ASCII.decode(r.bytes.subarray(92, 101)) + ' ' + ASCII.decode(r.bytes.subarray(101, 109));
  const fileLabelBytes = r.bytes.subarray(109, 173);
  r.pos = 176;
  let compression: SavCompression;
  if (compressionCode === 0) compression = 'none';
  else if (compressionCode === 1) compression = 'bytecode';
  else if (compressionCode === 2 && magic === '$FL3') compression = 'zlib';
  else {
    throw r.fail('unknown compression code in the header (expected 0, 1, or 2 in a "$FL3" file)', {
      offset: 72,
      record: 'in record type 1 (header)',
      value: compressionCode,
    });
  }
  if (nCases < -1) throw r.fail('negative number of cases in the header', { offset: 80, record: 'in record type 1 (header)', value: nCases });

  // ---- Records 2 .. 999.
  const raw: RawVariable[] = [];
  const bySlot: (RawVariable | undefined)[] = [];
  let slots = 0;
  const documents: Uint8Array[] = [];
  let characterCode: number | undefined;
  let encodingName: string | undefined;
  let sysmis = -Number.MAX_VALUE;
  let highest = Number.MAX_VALUE;
  let lowest = -Number.MAX_VALUE;
  let display: Int32Array | undefined;
  let longNames: Uint8Array | undefined;
  let veryLong: Uint8Array | undefined;
  const longLabels: LongLabelSet[] = [];
  const longMissing: LongMissing[] = [];

  for (;;) {
    const recOffset = r.pos;
    const recType = r.i32('the next record type');
    if (recType === 2) {
      const type = r.i32('a variable record (type 2)');
      const hasLabel = r.i32('a variable record (type 2)');
      const nMissing = r.i32('a variable record (type 2)');
      const print = r.i32('a variable record (type 2)');
      const write = r.i32('a variable record (type 2)');
      const shortName = r.take(8, 'a variable name (record type 2)');
      let label: Uint8Array | undefined;
      if (hasLabel === 1) {
        const len = r.i32('a variable label length (record type 2)');
        if (len < 0 || len > 65535) throw r.fail('impossible variable label length', { offset: r.pos - 4, record: 'in record type 2 (variable)', value: len });
        label = r.take(len, 'a variable label (record type 2)');
        r.skip((4 - (len % 4)) % 4, 'variable label padding (record type 2)');
      } else if (hasLabel !== 0) {
        throw r.fail('the variable label flag is neither 0 nor 1', { offset: recOffset + 8, record: 'in record type 2 (variable)', value: hasLabel });
      }
      if (nMissing > 3 || nMissing < -3 || nMissing === -1) {
        throw r.fail('invalid number of missing values (expected -3, -2, 0, 1, 2 or 3)', { offset: recOffset + 12, record: 'in record type 2 (variable)', value: nMissing });
      }
      const missing: Uint8Array[] = [];
      for (let i = 0; i < Math.abs(nMissing); i++) missing.push(r.take(8, 'a missing value (record type 2)'));
      if (type === -1) {
        const prev = raw[raw.length - 1];
        if (!prev || prev.width <= 8 || prev.nSlots >= Math.ceil(prev.width / 8) || prev.slot + prev.nSlots !== slots) {
          throw r.fail('a string continuation record does not follow a long string variable', { offset: recOffset, record: 'in record type 2 (variable)' });
        }
        prev.nSlots++;
        bySlot.push(undefined);
        slots++;
      } else if (type >= 0 && type <= 255) {
        const v: RawVariable = { slot: slots, nSlots: 1, width: type, shortName, label, nMissing, missing, print, write, offset: recOffset, labels: [] };
        raw.push(v);
        bySlot.push(v);
        slots++;
      } else {
        throw r.fail('invalid variable type (expected 0 for numeric, 1 to 255 for a string width, or -1)', { offset: recOffset + 4, record: 'in record type 2 (variable)', value: type });
      }
    } else if (recType === 3) {
      const count = r.i32('a value label count (record type 3)');
      if (count < 0) throw r.fail('impossible number of value labels', { offset: recOffset + 4, record: 'in record type 3 (value labels)', value: count });
      r.need(Math.min(count * 16, 2 ** 31), `${count} value labels (record type 3; at least 16 bytes each)`); // more than the file holds: cut short
      const labels: { value: Uint8Array; label: Uint8Array }[] = [];
      for (let i = 0; i < count; i++) {
        const value = r.take(8, 'a labelled value (record type 3)');
        const len = r.u8('a value label length (record type 3)');
        const label = r.take(len, 'a value label (record type 3)');
        r.skip((8 - ((len + 1) % 8)) % 8, 'value label padding (record type 3)');
        labels.push({ value, label });
      }
      const rec4Offset = r.pos;
      const rec4 = r.i32('the record type after value labels');
      if (rec4 !== 4) {
        throw r.fail('value labels (record type 3) are not followed by their variable list (record type 4)', { offset: rec4Offset, value: rec4 });
      }
      const nVars = r.i32('a variable count (record type 4)');
      if (nVars < 0 || nVars > slots) throw r.fail('impossible number of variables', { offset: rec4Offset + 4, record: 'in record type 4 (value label variables)', value: nVars });
      let kind: 'number' | 'text' | undefined;
      for (let i = 0; i < nVars; i++) {
        const at = r.pos;
        const index = r.i32('a variable index (record type 4)');
        const v = index >= 1 && index <= slots ? bySlot[index - 1] : undefined;
        if (!v) {
          throw r.fail('value labels name a variable index that is not the start of a variable', { offset: at, record: 'in record type 4 (value label variables)', value: index });
        }
        const k = v.width === 0 ? 'number' : 'text';
        if (kind && k !== kind) throw r.fail('one value label set is shared by numeric and string variables', { offset: at, record: 'in record type 4 (value label variables)', value: index });
        kind = k;
        v.labels.push(...labels);
      }
    } else if (recType === 6) {
      const n = r.i32('a document line count (record type 6)');
      if (n < 0) throw r.fail('impossible number of document lines', { offset: recOffset + 4, record: 'in record type 6 (document)', value: n });
      r.need(Math.min(n * 80, 2 ** 31), `${n} document lines (record type 6; 80 bytes each)`); // more than the file holds: cut short
      for (let i = 0; i < n; i++) documents.push(r.take(80, 'a document line (record type 6)'));
    } else if (recType === 7) {
      const subtype = r.i32('an extension record subtype (record type 7)');
      const size = r.i32('an extension record size (record type 7)');
      const count = r.i32('an extension record count (record type 7)');
      const n = size * count;
      if (size < 0 || count < 0 || !Number.isSafeInteger(n)) {
        throw r.fail('impossible extension record size', { offset: recOffset + 8, record: `in record type 7, subtype ${subtype}`, value: `${size} x ${count}` });
      }
      const dataAt = r.pos;
      const data = r.take(n, `extension record 7.${subtype}`);
      const sub = new SavBytes(data, src);
      sub.le = r.le;
      const where = `in record type 7, subtype ${subtype}`;
      switch (subtype) {
        case 3: // integer info
          if (size !== 4 || count < 8) throw r.fail('machine integer info record has the wrong size', { offset: dataAt, record: where, value: `${size} x ${count}` });
          characterCode = sub.view.getInt32(28, r.le);
          break;
        case 4: // float info
          if (size !== 8 || count < 3) throw r.fail('machine floating-point info record has the wrong size', { offset: dataAt, record: where, value: `${size} x ${count}` });
          sysmis = sub.view.getFloat64(0, r.le);
          highest = sub.view.getFloat64(8, r.le);
          lowest = sub.view.getFloat64(16, r.le);
          break;
        case 11: // measure, display width, alignment
          if (size !== 4) throw r.fail('variable display record has the wrong size', { offset: dataAt, record: where, value: size });
          display = new Int32Array(count);
          for (let i = 0; i < count; i++) display[i] = sub.view.getInt32(4 * i, r.le);
          break;
        case 13:
          longNames = data;
          break;
        case 14:
          veryLong = data;
          break;
        case 20:
          encodingName = ASCII.decode(data).replace(/\0+$/, '');
          break;
        case 21:
          readLongStringLabels(sub, longLabels, dataAt);
          break;
        case 22:
          readLongStringMissing(sub, longMissing, dataAt);
          break;
        default:
          break; // unknown or unneeded subtypes are skipped
      }
    } else if (recType === 999) {
      r.i32('the end-of-dictionary record (type 999)');
      break;
    } else {
      throw r.fail('unknown record type in the dictionary', { offset: recOffset, value: recType });
    }
  }
  const dataOffset = r.pos;

  // ---- Decode strings now that the encoding is known.
  const encoding = savEncodingName(encodingName, characterCode);
  const decode = makeSavDecoder(encoding.label);
  if (!decode) {
    throw new StaffwellError('unsupported', `the file's text encoding is not supported by this Node.js`, {
      file: src,
      value: encoding.declared ?? encoding.label,
      hint: 'save the file again from SPSS with Unicode (UTF-8) encoding, or use a Node.js built with full ICU',
    });
  }
  const str = (b: Uint8Array | undefined): string => (b === undefined ? '' : decode(b));

  const shortNames = raw.map((v) => trimEnd(str(v.shortName)));
  const longNameOf = new Map<string, string>();
  if (longNames) {
    for (const pair of str(longNames).split('\t')) {
      const eq = pair.indexOf('=');
      if (eq > 0) longNameOf.set(pair.slice(0, eq).toUpperCase(), pair.slice(eq + 1).replace(/\0+$/, ''));
    }
  }
  const veryLongWidth = new Map<string, number>();
  if (veryLong) {
    for (const entry of str(veryLong).split(/[\t\0]+/)) {
      const eq = entry.indexOf('=');
      if (eq > 0) veryLongWidth.set(entry.slice(0, eq).toUpperCase(), Number(entry.slice(eq + 1)));
    }
  }

  // ---- Merge the segments of very long strings; one group of raw variables per final variable.
  const groups: { head: number; members: RawVariable[]; width: number }[] = [];
  for (let i = 0; i < raw.length; ) {
    const v = raw[i];
    const w = veryLongWidth.get(shortNames[i].toUpperCase());
    if (w !== undefined && v.width > 0 && w > 255) {
      const nSeg = Math.floor((w + 251) / 252);
      const members = raw.slice(i, i + nSeg);
      if (members.length < nSeg || members.some((m) => m.width === 0)) {
        throw r.fail(`very long string "${shortNames[i]}" of width ${w} needs ${nSeg} string segments but the dictionary has fewer`, {
          offset: v.offset,
          record: 'in record type 7, subtype 14',
        });
      }
      groups.push({ head: i, members, width: w });
      i += nSeg;
    } else {
      groups.push({ head: i, members: [v], width: v.width });
      i++;
    }
  }

  // Record 7.11 has one entry per variable: either per final variable or per segment (both are seen).
  let displayFor: ((g: number) => [number, number | undefined, number] | undefined) | undefined;
  if (display) {
    for (const k of [3, 2]) {
      if (display.length % k !== 0) continue;
      const n = display.length / k;
      const segStart: number[] = [];
      if (n === groups.length) segStart.push(...groups.map((_, g) => g));
      else if (n === raw.length) segStart.push(...groups.map((gr) => gr.head));
      else continue;
      const d = display;
      displayFor = (g) => {
        const e = segStart[g] * k;
        return k === 3 ? [d[e], d[e + 1], d[e + 2]] : [d[e], undefined, d[e + 1]];
      };
      break;
    }
  }

  const variables: SavVariable[] = groups.map((gr, g) => {
    const v = gr.members[0];
    const shortName = shortNames[gr.head];
    const name = longNameOf.get(shortName.toUpperCase()) ?? shortName;
    const isText = v.width > 0;
    const segments: SavSegment[] = gr.members.map((m) => ({ slot: m.slot, nSlots: m.nSlots, width: m.width === 0 ? 8 : m.width }));
    const missing = decodeMissing(v, isText, str, r.le, highest, lowest);
    const valueLabels = v.labels.map((l) => ({
      value: isText ? trimEnd(str(l.value)) : numberAt(l.value, r.le),
      label: str(l.label),
    }));
    const disp = displayFor?.(g);
    return {
      name,
      shortName,
      type: isText ? 'text' : 'number',
      width: isText ? gr.width : 8,
      label: v.label === undefined ? undefined : str(v.label),
      // A very long string's records carry its first segment's format (A255); show the real width as SPSS does.
      format: gr.members.length > 1 ? `A${gr.width}` : savFormatName(v.print),
      writeFormat: gr.members.length > 1 ? `A${gr.width}` : savFormatName(v.write),
      date: !isText && isSavDateFormat(v.print),
      measure: disp ? (MEASURES[disp[0]] ?? 'unknown') : 'unknown',
      displayWidth: disp?.[1],
      alignment: disp ? ALIGNMENTS[disp[2]] : undefined,
      missing,
      valueLabels,
      segments,
    } satisfies SavVariable;
  });

  // ---- Long string value labels (7.21) and missing values (7.22) name variables by (long) name.
  const byName = new Map<string, number>();
  variables.forEach((v, i) => {
    byName.set(v.name.toUpperCase(), i);
    if (!byName.has(v.shortName.toUpperCase())) byName.set(v.shortName.toUpperCase(), i);
  });
  for (const set of longLabels) {
    const i = byName.get(str(set.name).toUpperCase());
    if (i === undefined || variables[i].type !== 'text') continue; // PSPP also ignores these with a warning
    const labels = set.labels.map((l) => ({ value: trimEnd(str(l.value)), label: str(l.label) }));
    variables[i] = { ...variables[i], valueLabels: [...variables[i].valueLabels, ...labels] };
  }
  for (const m of longMissing) {
    const i = byName.get(str(m.name).toUpperCase());
    if (i === undefined || variables[i].type !== 'text') continue;
    variables[i] = { ...variables[i], missing: { values: m.values.map((b) => trimEnd(str(b))) } };
  }

  let weightVariable: string | undefined;
  if (weightIndex > 0) {
    const w = bySlot[weightIndex - 1];
    if (w) weightVariable = variables[groups.findIndex((gr) => gr.members.includes(w))]?.name;
  }
  return {
    source: src,
    product: product.replace(/^@\(#\) /, ''),
    fileLabel: trimEnd(str(fileLabelBytes)),
    created,
    littleEndian: r.le,
    compression,
    nCases,
    bias,
    sysmis,
    highest,
    lowest,
    encoding,
    decode,
    nSlots: slots,
    variables,
    weightVariable,
    documents: documents.map((d) => trimEnd(str(d))),
    dataOffset,
  };
}

function readLongStringLabels(sub: SavBytes, out: LongLabelSet[], base: number): void {
  try {
    while (sub.pos < sub.length) {
      const nameLen = sub.i32('a variable name length');
      const name = sub.take(nameLen, 'a variable name');
      sub.i32('a variable width');
      const n = sub.i32('a label count');
      if (n < 0) throw sub.fail('negative label count');
      const labels: { value: Uint8Array; label: Uint8Array }[] = [];
      for (let i = 0; i < n; i++) {
        const value = sub.take(sub.i32('a value length'), 'a labelled value');
        const label = sub.take(sub.i32('a label length'), 'a value label');
        labels.push({ value, label });
      }
      out.push({ name, labels });
    }
  } catch (e) {
    throw recordError(sub, e, base, 21, 'long string value labels');
  }
}

function readLongStringMissing(sub: SavBytes, out: LongMissing[], base: number): void {
  try {
    while (sub.pos < sub.length) {
      const nameLen = sub.i32('a variable name length');
      const name = sub.take(nameLen, 'a variable name');
      const n = sub.u8('a missing value count');
      const valueLen = sub.i32('a value length');
      const values: Uint8Array[] = [];
      for (let i = 0; i < n; i++) values.push(sub.take(valueLen, 'a missing value'));
      out.push({ name, values });
    }
  } catch (e) {
    throw recordError(sub, e, base, 22, 'long string missing values');
  }
}

function recordError(sub: SavBytes, e: unknown, base: number, subtype: number, what: string): unknown {
  if (!(e instanceof StaffwellError)) return e;
  return sub.fail(`the ${what} record is malformed`, { offset: base + sub.pos, record: `in record type 7, subtype ${subtype}` });
}

function decodeMissing(
  v: RawVariable,
  isText: boolean,
  str: (b: Uint8Array) => string,
  le: boolean,
  highest: number,
  lowest: number,
): SavMissing {
  if (v.nMissing === 0) return { values: [] };
  if (isText) return { values: v.missing.map((b) => trimEnd(str(b))) };
  const nums = v.missing.map((b) => numberAt(b, le));
  if (v.nMissing > 0) return { values: nums };
  const lo = nums[0] <= lowest ? -Infinity : nums[0];
  const hi = nums[1] >= highest ? Infinity : nums[1];
  return { values: v.nMissing === -3 ? [nums[2]] : [], range: [lo, hi] };
}

function numberAt(b: Uint8Array, le: boolean): number {
  return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, le);
}

const ASCII_MAGIC = Uint8Array.from([0x24, 0x46, 0x4c, 0x32]);

/** The wrapper of an encrypted system file: 36 bytes, "ENCRYPTED" at offset 8 (PSPP's test). */
function isEncrypted(b: Uint8Array): boolean {
  const tag = [0x45, 0x4e, 0x43, 0x52, 0x59, 0x50, 0x54, 0x45, 0x44];
  return b.length >= 17 && tag.every((x, i) => b[8 + i] === x);
}

function isMagic(b: Uint8Array): boolean {
  return b[0] === 0x24 && b[1] === 0x46 && b[2] === 0x4c && (b[3] === 0x32 || b[3] === 0x33); // "$FL2" / "$FL3"
}

function describeStart(head: Uint8Array): string {
  if (head.length === 0) return 'nothing: the file is empty';
  const text = ASCII.decode(head.subarray(0, 8));
  const printable = /^[\x20-\x7e]*$/.test(text);
  const hex = Array.from(head.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return `bytes ${hex}: a ZIP archive, such as an Excel .xlsx file`;
  return printable ? `"${text}"` : `bytes ${hex}`;
}

function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 0)) end--;
  return s.slice(0, end);
}

export { trimEnd as trimSavString };
