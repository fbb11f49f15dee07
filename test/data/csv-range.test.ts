import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, scanCsv } from '../../src/data/csv.ts';
import type { CsvOptions } from '../../src/data/csv.ts';
import type { Table } from '../../src/data/table.ts';
import { concatTables } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { plain, tmpFile } from './helpers.ts';
import { createRng } from '../../scripts/random.ts';

/**
 * The parser's fast path (runs of plain number columns stored into one array per chunk) against its general
 * path: the same survey-shaped data written once unquoted (fast path, except where a field needs the general
 * one) and once with every field quoted (general path for every field) must give the same tables, lines,
 * retyped columns and errors, whatever the chunk size, block size and array reuse.
 */

/** Seeded uniforms (mulberry32, as the demo data): the same data on every run. */
const mulberry32 = (seed: number): (() => number) => createRng(seed).uniform;

/** Survey-like records: id, site, items (mostly one digit, some empty, some other numbers), a last item. */
function survey(seed: number, rows: number, odd: string[]): string[][] {
  const rand = mulberry32(seed);
  const items = 3 + Math.floor(rand() * 8);
  const out: string[][] = [['id', 'site', ...Array.from({ length: items }, (_, i) => `q${i + 1}`)]];
  for (let r = 0; r < rows; r++) {
    const rec = [String(r + 1), `site${Math.floor(rand() * 4)}`];
    for (let i = 0; i < items; i++) {
      const u = rand();
      rec.push(u < 0.8 ? String(Math.floor(rand() * 10)) : u < 0.9 ? '' : odd[Math.floor(rand() * odd.length)]);
    }
    out.push(rec);
  }
  return out;
}

const write = (name: string, recs: string[][], quote: boolean, eol: string) =>
  tmpFile(name, recs.map((r) => (quote ? r.map((f) => `"${f}"`) : r).join(',')).join(eol) + eol);

function chunked(f: string, options: CsvOptions & { reuse?: boolean }): ReturnType<typeof plain> {
  // Without `reuse` a consumer may keep its chunks (their arrays must stay as delivered); with it, a chunk is
  // valid only during the call, so it is turned into plain data at once.
  const kept: Table[] = [];
  const seen: ReturnType<typeof plain>[] = [];
  scanCsv(f, { ...options, onRestart: () => ((kept.length = 0), (seen.length = 0)) }, (c) => (options.reuse ? seen.push(plain(c)) : kept.push(c)));
  if (!options.reuse) return plain(concatTables(kept));
  return {
    kinds: seen[0].kinds,
    cols: Object.fromEntries(Object.keys(seen[0].cols).map((k) => [k, seen.flatMap((p) => p.cols[k])])),
    lines: seen.flatMap((p) => p.lines),
  };
}

test('fast path and general path agree on survey data, at any chunk size, block size and reuse', () => {
  const odd = ['12', '-3', '-0', '4.25', '10.5', '0.5', '-7.125', '99', '123456789012345', '1234567890123456'];
  for (let s = 1; s <= 12; s++) {
    const recs = survey(s * 104729, 150, odd);
    const eol = s % 3 === 0 ? '\r\n' : '\n';
    const plainFile = write(`fast-${s}.csv`, recs, false, eol);
    const quotedFile = write(`general-${s}.csv`, recs, true, eol);
    const expected = plain(readCsv(quotedFile));
    assert.deepEqual(plain(readCsv(plainFile)), expected, `seed ${s}`);
    for (const chunkRows of [1, 7, 64]) {
      for (const blockBytes of [64, 333, 1 << 16]) {
        for (const reuse of [false, true]) {
          assert.deepEqual(chunked(plainFile, { chunkRows, blockBytes, reuse }), expected, `seed ${s}, ${chunkRows} rows, ${blockBytes} bytes, reuse ${reuse}`);
        }
      }
    }
  }
});

test('fast path: missing codes, declared columns and a column that turns to text mid-run', () => {
  const recs = survey(31337, 200, ['-99', '9', '-99.0', '5']);
  const f = write('codes.csv', recs, false, '\n');
  const g = write('codes-quoted.csv', recs, true, '\n');
  const missing = { all: ['-99'], byColumn: { q2: ['9'] } };
  assert.deepEqual(plain(readCsv(f, { missing, chunkRows: 16 })), plain(readCsv(g, { missing, chunkRows: 16 })));
  // Text after the first chunk in an item in the middle of a run: read as text (after a restart) on both paths.
  const late = recs.map((r, i) => (i === 150 ? r.map((x, k) => (k === 3 ? 'n/a' : x)) : r));
  const lf = write('late.csv', late, false, '\n');
  const lg = write('late-quoted.csv', late, true, '\n');
  const t = plain(readCsv(lf, { chunkRows: 16, blockBytes: 256 }));
  assert.equal(t.kinds.q2, 'text');
  assert.equal(t.cols.q2[149], 'n/a');
  assert.deepEqual(t, plain(readCsv(lg, { chunkRows: 16, blockBytes: 256 })));
  assert.deepEqual(chunked(lf, { chunkRows: 16, blockBytes: 256, reuse: true }), t);
  // Declared numeric: the same error, line and value on both paths.
  const errorOf = (file: string) => {
    try {
      readCsv(file, { chunkRows: 16, types: { q2: 'number' } });
    } catch (e) {
      assert.ok(e instanceof StaffwellError);
      return { code: e.code, message: e.message, line: e.location.line, column: e.location.column, value: e.value };
    }
    assert.fail('expected an error');
  };
  assert.deepEqual(errorOf(lf), { ...errorOf(lg), message: errorOf(lg).message.replace('late-quoted.csv', 'late.csv') });
  assert.equal(errorOf(lf).line, 151);
});

test('fast path: ragged records and blank lines inside runs of one-digit fields', () => {
  const ok = 'id,a,b,c,d\n1,1,2,3,4\n2,,5,,6\n\n3,7,8,9,0\n';
  const t = plain(readCsv(tmpFile('blank.csv', ok)));
  assert.deepEqual(t.cols.b, [2, 5, 8]);
  assert.deepEqual(t.cols.d, [4, 6, 0]);
  assert.deepEqual(t.lines, [2, 3, 5]);
  for (const [text, line, found] of [
    ['id,a,b,c,d\n1,1,2,3,4\n2,1,2,3\n', 3, 4],
    ['id,a,b,c,d\n1,1,2,3,4\n2,1,2,3,4,5\n', 3, 6],
    ['id,a,b,c,d\n1,1,2,3,4\n2,1,2,3,4,\n', 3, 6],
    ['id,a,b,c,d\n1,1,2,3,4\n2,1,2\n', 3, 3],
  ] as const) {
    assert.throws(
      () => readCsv(tmpFile('ragged-run.csv', text)),
      (e: unknown) => e instanceof StaffwellError && e.code === 'ragged-row' && e.location.line === line && e.message.includes(`has ${found} fields`),
    );
  }
});
