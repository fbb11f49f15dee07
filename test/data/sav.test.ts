import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSav, readSavBytes, readSavMetadata } from '../../src/data/sav.ts';
import { SavBytes } from '../../src/data/sav-bytes.ts';
import { readSavDictionary } from '../../src/data/sav-dictionary.ts';
import { StaffwellError } from '../../src/errors.ts';
import type { NumericColumn, Table, TextColumn } from '../../src/data/table.ts';
import { expectClose } from '../helpers/expect-close.ts';

// Expected values come from test/fixtures/r/sav-fixtures.R: haven::read_sav(user_na = FALSE) ("values") and
// haven::read_sav(user_na = TRUE) ("values_keep") of every fixture, written by haven itself or by PSPP
// (test/fixtures/sav/pspp-fixtures.sps). Values are compared exactly (tolerance 0): both sides read the same
// IEEE doubles from the file and jsonlite writes them with digits = NA (shortest round-trip form).

const DIR = join('test', 'fixtures', 'sav');
const EXACT = { abs: 0 };

interface ExpectedColumn {
  name: string;
  type: 'number' | 'text';
  label: string | null;
  format_spss: string | null;
  value_labels: { value: number | string; label: string }[] | null;
  na_values: number | string | (number | string)[] | null;
  na_range: (number | string)[] | null;
  values?: (number | string | null)[];
  values_keep?: (number | string | null)[];
  sample_rows?: number[];
  sample_values?: (number | null)[];
  sum?: number;
  n_missing?: number;
}

interface Expected {
  generator: string;
  R_version: string;
  haven_version: string;
  file: string;
  nrows: number;
  columns: ExpectedColumn[];
}

function expected(file: string): Expected {
  return JSON.parse(readFileSync(join(DIR, file + '.json'), 'utf8')) as Expected;
}

const FIXTURES = readdirSync(DIR).filter((f) => /\.(sav|zsav)$/.test(f)).sort();
const FULL = FIXTURES.filter((f) => !f.includes('multiblock'));

function asArray<T>(x: T | T[] | null): T[] {
  return x === null ? [] : Array.isArray(x) ? x : [x];
}

function toNumber(x: number | string): number {
  return x === 'Inf' ? Infinity : x === '-Inf' ? -Infinity : (x as number);
}

function checkValues(t: Table, exp: Expected, key: 'values' | 'values_keep', file: string): void {
  assert.equal(t.nrows, exp.nrows, `${file}: rows`);
  assert.deepEqual(t.columns.map((c) => c.name), exp.columns.map((c) => c.name), `${file}: column names`);
  exp.columns.forEach((ec, j) => {
    const c = t.columns[j];
    assert.ok(c.kind === ec.type, `${file} ${ec.name}: type ${c.kind}, expected ${ec.type}`);
    const want = ec[key]!;
    if (c.kind === 'number') {
      for (let i = 0; i < want.length; i++) expectClose(c.values[i], want[i] as number | null, EXACT, `${file} ${key} ${ec.name}[${i}]`);
    } else {
      for (let i = 0; i < want.length; i++) {
        const k: number = c.codes[i];
        const got: string | null = k < 0 ? null : c.dictionary[k];
        // haven reads an empty string as "", Staffwell as missing.
        const w = want[i] === '' ? null : want[i];
        assert.equal(got, w, `${file} ${key} ${ec.name}[${i}]`);
      }
    }
  });
}

test('the fixtures were all written by the committed R script and every one is tested here', () => {
  for (const f of FIXTURES) {
    const exp = expected(f);
    assert.equal(exp.generator, 'test/fixtures/r/sav-fixtures.R');
    assert.equal(exp.file, f);
    assert.match(exp.R_version, /^R version/);
  }
  assert.ok(FIXTURES.some((f) => f.startsWith('haven-')) && FIXTURES.some((f) => f.startsWith('pspp-')));
  assert.equal(FULL.length + 1, FIXTURES.length);
});

for (const f of FULL) {
  test(`${f}: values match haven with user-missing values as missing (default)`, () => {
    checkValues(readSav(join(DIR, f)), expected(f), 'values', f);
  });

  test(`${f}: values match haven with user-missing values kept (userMissing: 'keep')`, () => {
    checkValues(readSav(join(DIR, f), { userMissing: 'keep' }), expected(f), 'values_keep', f);
  });

  test(`${f}: variable labels and numeric value labels match haven`, () => {
    const t = readSav(join(DIR, f));
    for (const ec of expected(f).columns) {
      const c = t.columns.find((x) => x.name === ec.name)!;
      assert.equal(c.label, ec.label ?? undefined, `${f} ${ec.name}: label`);
      if (c.kind === 'number') {
        const want = ec.value_labels ?? [];
        assert.deepEqual([...(c.valueLabels ?? new Map())], want.map((l) => [l.value, l.label]), `${f} ${ec.name}: value labels`);
      }
    }
  });

  test(`${f}: metadata (formats, value labels, user-missing specification) match haven`, () => {
    const m = readSavMetadata(join(DIR, f));
    const exp = expected(f);
    assert.equal(m.nCases, exp.nrows);
    assert.deepEqual(m.variables.map((v) => v.name), exp.columns.map((c) => c.name));
    for (const ec of exp.columns) {
      const v = m.variables.find((x) => x.name === ec.name)!;
      assert.equal(v.type, ec.type, `${ec.name}: type`);
      assert.equal(v.format, ec.format_spss, `${ec.name}: format`);
      assert.equal(v.label, ec.label ?? undefined, `${ec.name}: label`);
      // haven keeps a short string's labelled values padded to the width ("B5  "); Staffwell trims them as it trims
      // the data, so they match the values in the column.
      const labels = (ec.value_labels ?? []).map((l) => ({ value: typeof l.value === 'string' ? l.value.trimEnd() : l.value, label: l.label }));
      assert.deepEqual(v.valueLabels, labels, `${ec.name}: value labels`);
      assert.deepEqual([...v.missing.values], asArray(ec.na_values), `${ec.name}: discrete missing values`);
      assert.deepEqual(v.missing.range ? [...v.missing.range] : null, ec.na_range ? ec.na_range.map(toNumber) : null, `${ec.name}: missing range`);
    }
  });
}

test('a ZSAV file with several zlib blocks is read whole (sums, missing counts and sampled rows match haven)', () => {
  const f = 'haven-zsav-multiblock.zsav';
  const path = join(DIR, f);
  const bytes = readFileSync(path);
  const r = new SavBytes(bytes, f);
  const dict = readSavDictionary(r);
  const trailerOfs = Number(bytes.readBigInt64LE(dict.dataOffset + 8));
  assert.ok(bytes.readInt32LE(trailerOfs + 20) > 1, 'fixture has more than one block');
  const t = readSav(path);
  const exp = expected(f);
  assert.equal(t.nrows, exp.nrows);
  for (const ec of exp.columns) {
    const c = t.columns.find((x) => x.name === ec.name) as NumericColumn;
    let sum = 0;
    let nMissing = 0;
    for (const x of c.values) Number.isNaN(x) ? nMissing++ : (sum += x);
    expectClose(sum, ec.sum!, EXACT, `${ec.name} sum`);
    assert.equal(nMissing, ec.n_missing);
    ec.sample_rows!.forEach((row, k) => expectClose(c.values[row], ec.sample_values![k], EXACT, `${ec.name}[${row}]`));
  }
});

test('UTF-8 text (Zoë, São Paulo, em dash) and a very long string split across segments are decoded', () => {
  const t = readSav(join(DIR, 'haven-byte.sav'));
  const comment = t.columns.find((c) => c.name === 'comment') as TextColumn;
  const first = comment.dictionary[comment.codes[0]];
  // The é is written as UTF-8 bytes 254-255, so it straddles the first and second 255-byte segments.
  assert.equal(Buffer.byteLength(first.slice(0, 254)), 254);
  assert.equal(first.slice(250, 258), 'Rotaécha');
  assert.equal(Buffer.byteLength(first), 300);
  const m = readSavMetadata(join(DIR, 'pspp-compressed.sav'));
  assert.equal(m.variables.find((v) => v.name === 'comment')!.width, 600);
  assert.equal(m.encoding, 'utf-8');
});

test('windows-1252 files are decoded by their encoding record, including bytes 0x80-0x9F (em dash 0x97)', () => {
  const m = readSavMetadata(join(DIR, 'pspp-windows1252.sav'));
  assert.equal(m.encoding, 'windows-1252');
  assert.equal(m.encodingSource, 'record 7.20');
  const t = readSav(join(DIR, 'pspp-windows1252.sav'));
  const name = t.columns.find((c) => c.name === 'name') as TextColumn;
  assert.ok(name.dictionary.includes('São Paulo — east'));
  assert.equal(name.label, 'Name — pseudonym');
});

test('metadata: documents, measurement levels, display, compression and long names', () => {
  const m = readSavMetadata(join(DIR, 'pspp-compressed.sav'));
  assert.equal(m.compression, 'bytecode');
  assert.equal(m.byteOrder, 'little-endian');
  assert.deepEqual(m.documents.length, 3); // PSPP adds "(Entered <date>)"
  assert.equal(m.documents[1], '  Second line of the document record.');
  assert.match(m.documents[0], /Synthetic fixture for the Staffwell SPSS reader/);
  const byName = new Map(m.variables.map((v) => [v.name, v]));
  assert.equal(byName.get('item1')!.measure, 'ordinal');
  assert.equal(byName.get('age')!.measure, 'scale');
  assert.equal(byName.get('site')!.measure, 'nominal');
  // "shift" follows a 3-segment very long string: its display entry is found only if segments are counted.
  assert.equal(byName.get('shift')!.measure, 'ordinal');
  assert.equal(byName.get('comment')!.measure, 'nominal');
  assert.equal(byName.get('wellbeing_score_total')!.shortName.length <= 8, true);
  assert.equal(readSavMetadata(join(DIR, 'pspp-uncompressed.sav')).compression, 'none');
  assert.equal(readSavMetadata(join(DIR, 'haven-zsav.zsav')).compression, 'zlib');
});

test('declared missing codes apply on top of SPSS missing values (numbers numerically, text exactly)', () => {
  const t = readSav(join(DIR, 'pspp-compressed.sav'), { missing: { all: ['-100.5'], byColumn: { site: ['York'] } } });
  const score = t.columns.find((c) => c.name === 'wellbeing_score_total') as NumericColumn;
  assert.ok(Number.isNaN(score.values[1]));
  assert.equal(score.values[0], 3.25);
  const site = t.columns.find((c) => c.name === 'site') as TextColumn;
  assert.equal(site.codes[6], -1);
  assert.ok(!site.dictionary.includes('York'));
});

// ---- Errors ------------------------------------------------------------------------------------------------

const TMP = mkdtempSync(join(tmpdir(), 'staffwell-sav-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

function writeTmp(name: string, bytes: Uint8Array | string): string {
  const p = join(TMP, name);
  writeFileSync(p, bytes);
  return p;
}

function throwsFormat(fn: () => unknown, path: string, problem: RegExp, hint: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StaffwellError, `not a StaffwellError: ${String(e)}`);
    assert.equal(e.code, 'format', e.message);
    assert.ok(e.message.startsWith(path + ':'), `message names the file: ${e.message}`);
    assert.match(e.message, problem);
    assert.match(e.hint ?? '', hint);
    return true;
  });
}

test('a file that is not an SPSS system file is refused, saying what it starts with', () => {
  const p = writeTmp('survey.csv.sav', 'id,score\n1,2\n');
  throwsFormat(() => readSav(p), p, /not an SPSS system file \(it starts with "id,score/, /export it again as \.sav/);
  const zip = writeTmp('survey.xlsx.sav', Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0, 8, 0]));
  throwsFormat(() => readSavMetadata(zip), zip, /ZIP archive, such as an Excel \.xlsx file/, /\$FL2/);
  const empty = writeTmp('empty.sav', '');
  throwsFormat(() => readSav(empty), empty, /the file is empty/, /\$FL2/);
});

for (const f of ['pspp-uncompressed.sav', 'pspp-compressed.sav', 'haven-zsav.zsav']) {
  test(`${f} cut short is an error naming the file, never a short table`, () => {
    const bytes = readFileSync(join(DIR, f));
    const cut = writeTmp(`cut-${f}`, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    throwsFormat(() => readSav(cut), cut, /ends/, /incomplete/);
    const head = writeTmp(`head-${f}`, bytes.subarray(0, 300));
    throwsFormat(() => readSav(head), head, /the file ends early: reading .* at byte offset \d+/, /incomplete/);
    throwsFormat(() => readSavMetadata(head), head, /the file ends early/, /incomplete/);
  });
}

function patched(f: string, patch: (b: Buffer, dataOffset: number) => void): string {
  const bytes = Buffer.from(readFileSync(join(DIR, f)));
  const dict = readSavDictionary(new SavBytes(bytes, f));
  patch(bytes, dict.dataOffset);
  return writeTmp(`patched-${Math.random().toString(36).slice(2)}-${f}`, bytes);
}

test('a corrupt compression code in string data is an error naming the variable, case and offset', () => {
  // Slot 6 of case 1 is the string variable "site"; its command byte is the 7th of the first block.
  const p = patched('pspp-compressed.sav', (b, off) => (b[off + 6] = 100));
  throwsFormat(() => readSav(p), p, /compression code 100 where string variable "site" of case 1 expects text.*byte offset \d+/, /damaged/);
});

test('a damaged ZSAV block is an error saying which block could not be decompressed', () => {
  const p = patched('haven-zsav.zsav', (b, off) => {
    for (let i = 30; i < 60; i++) b[off + 24 + i] ^= 0x5a;
  });
  throwsFormat(() => readSav(p), p, /ZSAV block 1 of 1 cannot be decompressed/, /damaged/);
});

test('an unknown record type in the dictionary is an error with its byte offset', () => {
  const p = patched('haven-byte.sav', (b) => b.writeInt32LE(5, 176));
  throwsFormat(() => readSav(p), p, /unknown record type in the dictionary \(at byte offset 176\)/, /SPSS or PSPP/);
});

test('a header announcing more cases than the data holds is an error; an unknown count (-1) reads to the end', () => {
  for (const f of ['pspp-uncompressed.sav', 'pspp-compressed.sav', 'haven-zsav.zsav']) {
    const n = readSav(join(DIR, f)).nrows;
    const more = patched(f, (b) => b.writeInt32LE(n + 1, 80));
    throwsFormat(() => readSav(more), more, new RegExp(`ends after ${n} of the ${n + 1} cases`), /incomplete/);
    const unknown = patched(f, (b) => b.writeInt32LE(-1, 80));
    const t = readSav(unknown);
    assert.equal(t.nrows, n, f);
    assert.equal(readSavMetadata(unknown).nCases, null);
    checkValues(t, expected(f), 'values', f);
  }
});

test('bad options are refused: an unknown userMissing mode and missing codes for an absent variable', () => {
  const p = join(DIR, 'haven-byte.sav');
  assert.throws(() => readSav(p, { userMissing: 'drop' as 'nan' }), (e: unknown) => e instanceof StaffwellError && e.code === 'invalid-option');
  assert.throws(() => readSav(p, { missing: { byColumn: { nosuch: ['9'] } } }), (e: unknown) => e instanceof StaffwellError && e.code === 'unknown-column' && /nosuch/.test(e.message));
  assert.throws(() => readSav(join(TMP, 'does-not-exist.sav')), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found');
});

test('readSavBytes returns the same table as readSav, plus the metadata', () => {
  const p = join(DIR, 'haven-none.sav');
  const { table, metadata } = readSavBytes(readFileSync(p), p);
  assert.equal(table.nrows, metadata.nCases);
  checkValues(table, expected('haven-none.sav'), 'values', 'haven-none.sav');
});

test('readSavMetadata reads more of a file whose dictionary is larger than its first read (64 KB)', () => {
  const f = 'haven-byte.sav';
  const bytes = readFileSync(join(DIR, f));
  const dict = readSavDictionary(new SavBytes(bytes, f));
  const lines = 1000; // 80 KB of document lines, inserted just before record 999
  const rec6 = Buffer.alloc(8 + 80 * lines, 0x20);
  rec6.writeInt32LE(6, 0);
  rec6.writeInt32LE(lines, 4);
  for (let i = 0; i < lines; i++) rec6.write(`Line ${i + 1} of a long document record.`, 8 + 80 * i, 'latin1');
  const at = dict.dataOffset - 8;
  const p = writeTmp('big-dictionary.sav', Buffer.concat([bytes.subarray(0, at), rec6, bytes.subarray(at)]));
  const m = readSavMetadata(p);
  assert.equal(m.documents.length, lines);
  assert.equal(m.documents[lines - 1], `Line ${lines} of a long document record.`);
  assert.deepEqual(m.variables.map((v) => v.name), expected(f).columns.map((c) => c.name));
  checkValues(readSav(p), expected(f), 'values', f);
});

/**
 * Rewrites an uncompressed little-endian system file as big-endian, record by record (as an old SPSS on SPARC or
 * POWER would write it), so the big-endian code path is checked against the same haven reference.
 */
function toBigEndian(le: Buffer, source: string): Buffer {
  const b = Buffer.from(le);
  const dict = readSavDictionary(new SavBytes(le, source));
  const numericSlot = new Set(dict.variables.filter((v) => v.type === 'number').map((v) => v.segments[0].slot + 1));
  const i32 = (p: number) => b.writeInt32BE(le.readInt32LE(p), p);
  const f64 = (p: number) => b.writeDoubleBE(le.readDoubleLE(p), p);
  for (let p = 64; p < 84; p += 4) i32(p);
  f64(84);
  let p = 176;
  let slot = 0;
  let lastLabelsAt = -1;
  let lastLabelCount = 0;
  for (;;) {
    const rec = le.readInt32LE(p);
    i32(p);
    if (rec === 2) {
      const type = le.readInt32LE(p + 4);
      const hasLabel = le.readInt32LE(p + 8);
      const nMissing = Math.abs(le.readInt32LE(p + 12));
      for (let k = 4; k < 24; k += 4) i32(p + k);
      p += 32;
      if (hasLabel) {
        const len = le.readInt32LE(p);
        i32(p);
        p += 4 + Math.ceil(len / 4) * 4;
      }
      for (let k = 0; k < nMissing; k++, p += 8) if (type === 0) f64(p);
      slot++;
    } else if (rec === 3) {
      lastLabelCount = le.readInt32LE(p + 4);
      i32(p + 4);
      p += 8;
      lastLabelsAt = p;
      for (let k = 0; k < lastLabelCount; k++) p += Math.ceil((8 + 1 + le[p + 8]) / 8) * 8;
    } else if (rec === 4) {
      const n = le.readInt32LE(p + 4);
      i32(p + 4);
      const first = le.readInt32LE(p + 8);
      for (let k = 0; k < n; k++) i32(p + 8 + 4 * k);
      if (numericSlot.has(first)) {
        for (let k = 0, q = lastLabelsAt; k < lastLabelCount; k++, q += Math.ceil((8 + 1 + le[q + 8]) / 8) * 8) f64(q);
      }
      p += 8 + 4 * n;
    } else if (rec === 6) {
      const n = le.readInt32LE(p + 4);
      i32(p + 4);
      p += 8 + 80 * n;
    } else if (rec === 7) {
      const sub = le.readInt32LE(p + 4);
      const size = le.readInt32LE(p + 8);
      const count = le.readInt32LE(p + 12);
      for (let k = 4; k < 16; k += 4) i32(p + k);
      const d = p + 16;
      if (sub === 3 || sub === 11) for (let k = 0; k < count; k++) i32(d + 4 * k);
      if (sub === 4) for (let k = 0; k < count; k++) f64(d + 8 * k);
      if (sub === 21 || sub === 22) {
        let q = d;
        while (q < d + size * count) {
          const nameLen = le.readInt32LE(q);
          i32(q);
          q += 4 + nameLen;
          if (sub === 21) {
            i32(q); // width
            const n = le.readInt32LE(q + 4);
            i32(q + 4);
            q += 8;
            for (let k = 0; k < n; k++) {
              const vl = le.readInt32LE(q);
              i32(q);
              q += 4 + vl;
              const ll = le.readInt32LE(q);
              i32(q);
              q += 4 + ll;
            }
          } else {
            const n = le[q];
            const vl = le.readInt32LE(q + 1);
            i32(q + 1);
            q += 5 + n * vl;
          }
        }
      }
      p = d + size * count;
    } else if (rec === 999) {
      i32(p + 4);
      p += 8;
      break;
    } else throw new Error(`toBigEndian: record ${rec}`);
  }
  assert.equal(slot, dict.nSlots);
  const caseBytes = 8 * dict.nSlots;
  for (let q = p; q < b.length; q += caseBytes) for (const s of numericSlot) f64(q + 8 * (s - 1));
  return b;
}

for (const f of ['pspp-uncompressed.sav', 'haven-none.sav']) {
  test(`${f} rewritten as big-endian reads the same (values, labels, missing values, metadata)`, () => {
    const p = writeTmp(`be-${f}`, toBigEndian(readFileSync(join(DIR, f)), f));
    assert.equal(readSavMetadata(p).byteOrder, 'big-endian');
    checkValues(readSav(p), expected(f), 'values', f);
    checkValues(readSav(p, { userMissing: 'keep' }), expected(f), 'values_keep', f);
    const le = readSavMetadata(join(DIR, f));
    const be = readSavMetadata(p);
    assert.deepEqual({ ...be, source: '', byteOrder: '' }, { ...le, source: '', byteOrder: '' });
  });
}

test('a file whose encoding Node cannot decode is refused as unsupported, naming the encoding', () => {
  const bytes = Buffer.from(readFileSync(join(DIR, 'pspp-windows1252.sav')));
  const at = bytes.indexOf('WINDOWS-1252');
  assert.ok(at > 0);
  bytes.write('X-NOSUCH-ENC', at, 'latin1');
  const p = writeTmp('odd-encoding.sav', bytes);
  assert.throws(
    () => readSav(p),
    (e: unknown) => e instanceof StaffwellError && e.code === 'unsupported' && e.message.startsWith(p) && /X-NOSUCH-ENC/.test(e.message) && /UTF-8/.test(e.hint ?? ''),
  );
});

test('damaged files give a StaffwellError or a table, never another exception (seeded byte flips)', () => {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const f of FULL) {
    const orig = readFileSync(join(DIR, f));
    for (let k = 0; k < 150; k++) {
      const bytes = Buffer.from(orig);
      const flips = 1 + Math.floor(rand() * 4);
      // Half the damage goes to the dictionary, where the structure is.
      for (let i = 0; i < flips; i++) bytes[Math.floor(rand() * (rand() < 0.5 ? Math.min(bytes.length, 2000) : bytes.length))] = Math.floor(rand() * 256);
      try {
        readSavBytes(bytes, f);
      } catch (e) {
        assert.ok(e instanceof StaffwellError, `${f} damage #${k}: ${(e as Error).stack}`);
      }
    }
  }
});
