import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCsv, openCsvWriter, writeCsv } from '../../src/data/csv-write.ts';
import { readCsv } from '../../src/data/csv.ts';
import { makeTable, type Table } from '../../src/data/table.ts';
import { plain, tmpDir } from './helpers.ts';

const golden = fileURLToPath(new URL('../golden/data/results.csv', import.meta.url));

function results(): Table {
  return makeTable({
    source: 'results',
    columns: [
      { kind: 'text', name: 'scale', codes: Int32Array.from([0, 1, 2, -1]), dictionary: ['demands', 'has, comma', 'say "hi"\nnext line'] },
      { kind: 'number', name: 'alpha', values: Float64Array.from([0.8123456789012345, 0.1 + 0.2, NaN, -0]) },
      { kind: 'number', name: 'n', values: Float64Array.from([1500, 1e21, 1e-7, 3]) },
      { kind: 'text', name: 'note', codes: Int32Array.from([0, 1, -1, 2]), dictionary: [' padded', 'plain', '007'] },
    ],
  });
}

test('formatCsv matches the golden file (quoting, full-precision numbers, empty missing)', () => {
  const text = formatCsv(results());
  assert.equal(text, readFileSync(golden, 'utf8'));
});

test('what is written reads back to the same values', () => {
  const p = join(tmpDir(), 'roundtrip.csv');
  writeCsv(p, results());
  const back = plain(readCsv(p, { types: { note: 'text' } }));
  assert.deepEqual(back.cols.scale, ['demands', 'has, comma', 'say "hi"\nnext line', null]);
  assert.deepEqual(back.cols.alpha, [0.8123456789012345, 0.30000000000000004, null, 0]);
  assert.deepEqual(back.cols.n, [1500, 1e21, 1e-7, 3]);
  assert.deepEqual(back.cols.note, [' padded', 'plain', null, '007']);
});

test('streaming writer appends chunks; abort leaves nothing behind', () => {
  const dir = tmpDir();
  const p = join(dir, 'stream-out.csv');
  const w = openCsvWriter(p, ['scale', 'alpha', 'n', 'note']);
  w.writeTable(results());
  w.writeRow(['extra', 1.5, null, 'x']);
  assert.equal(existsSync(p), false, 'nothing at the target before commit');
  w.commit();
  const text = readFileSync(p, 'utf8');
  assert.ok(text.startsWith(readFileSync(golden, 'utf8')));
  assert.ok(text.endsWith('extra,1.5,,x\n'));
  const p2 = join(dir, 'aborted.csv');
  const w2 = openCsvWriter(p2, ['a']);
  w2.writeRow([1]);
  w2.abort();
  assert.equal(existsSync(p2), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('aborted')), []);
  assert.throws(() => openCsvWriter(join(dir, 'x.csv'), ['a']).writeTable(results()), /differ from the header/);
});

test('numbers print as String(x) however many distinct values a column holds (the text cache fills and stops)', () => {
  const n = 10_000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = i % 3 === 0 ? (i % 7) / 7 : i % 3 === 1 ? Math.sqrt(i) * 1e-7 : i % 11 === 0 ? NaN : i % 13 === 0 ? -0 : -i / 3;
  const text = formatCsv(makeTable({ source: 't', nrows: n, columns: [{ kind: 'number', name: 'x', values }] }));
  const lines = text.split('\n');
  assert.equal(lines.length, n + 2);
  for (let i = 0; i < n; i++) assert.equal(lines[i + 1], Number.isNaN(values[i]) ? '' : String(values[i]), `row ${i}`);
});
