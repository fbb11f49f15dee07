import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsvLayout } from '../../src/data/csv-layout.ts';
import { readCsv } from '../../src/data/csv.ts';
import { checkIdsBytes } from '../../src/data/id-check.ts';
import { findColumn } from '../../src/data/table.ts';
import { createRng } from '../../scripts/random.ts';

/** The reference: the column read by the CSV reader, ids compared as the in-memory study runner compares them. */
function reference(path: string, name: string, missing: string[]) {
  const t = readCsv(path, { missing: { all: missing } });
  const c = findColumn(t, name)!;
  const seen = new Map<string | number, number>();
  let miss = 0;
  for (let i = 0; i < t.nrows; i++) {
    const key = c.kind === 'text' ? (c.codes[i] < 0 ? undefined : c.dictionary[c.codes[i]]) : Number.isNaN(c.values[i]) ? undefined : c.values[i];
    const line = t.rowLine ? t.rowLine[i] : t.firstDataLine + i;
    if (key === undefined) {
      miss++;
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) return { kind: 'duplicate', line, firstLine: first, id: key };
    seen.set(key, line);
  }
  return { kind: 'ok', missing: miss };
}

function check(text: string, name: string, missing: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-ids-'));
  const path = join(dir, 'd.csv');
  writeFileSync(path, text);
  const r = checkIdsBytes(openCsvLayout(path, { missing: { all: missing } }), name, { all: missing });
  return { r, ref: reference(path, name, missing) };
}

test('checkIdsBytes agrees with reading the column: text and numeric ids, missing codes, blank lines, CRLF', () => {
  const rng = createRng(5);
  for (let trial = 0; trial < 60; trial++) {
    const n = 20 + rng.int(0, 300);
    const numeric = trial % 3 === 0;
    const crlf = trial % 4 === 1;
    const idFirst = trial % 2 === 0;
    const lines = [idFirst ? 'id,x,y' : 'x,id,y'];
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      let id = numeric ? String(rng.int(0, 3 * n)) : `P${rng.int(0, 3 * n)}`;
      if (u < 0.05) id = '';
      else if (u < 0.08) id = '-99';
      else if (u < 0.1) id = 'NA';
      if (trial % 5 === 0 && u > 0.97) lines.push('');
      lines.push(idFirst ? `${id},${rng.int(1, 5)},a` : `${rng.int(1, 5)},${id},b`);
    }
    const { r, ref } = check(lines.join(crlf ? '\r\n' : '\n') + (trial % 7 ? '\n' : ''), 'id', ['-99']);
    if (ref.kind === 'duplicate') assert.deepEqual(r, { ...ref, missing: (r as { missing: number }).missing }, `trial ${trial}`);
    else assert.deepEqual(r, { kind: 'ok', missing: ref.missing, rows: (r as { rows: number }).rows }, `trial ${trial}`);
  }
});

test('checkIdsBytes gives way (unsupported) where the bytes are not simple: quotes, non-canonical numbers', () => {
  assert.equal(check('id,x\n"a",1\nb,2\n', 'id').r.kind, 'unsupported');
  assert.equal(check('id,x\n7,1\n7.0,2\n', 'id').r.kind, 'unsupported');
  // 007 is text (not a number), so it differs from 7
  assert.deepEqual(check('id,x\n007,1\n7,2\n', 'id').r, { kind: 'ok', missing: 0, rows: 2 });
});

test('checkIdsBytes on a file of several read blocks and hash partitions: the first repeat in file order, a repeat straddling a block boundary, numeric and text ids, missing ids', () => {
  // 400,000 records of 15 bytes (6 MB: the 4 MB read block, which starts at the first record, ends inside record
  // 279,620; ~50 hash partitions of ~8,192 ids)
  const n = 400_000;
  const block = 4 << 20;
  const header = 'id,xxxxxx,yyyyy';
  const straddling = Math.floor(block / 15); // the record whose bytes the block's end cuts
  assert.ok(straddling * 15 < block && (straddling + 1) * 15 > block);
  for (const numeric of [false, true]) {
    const id = (i: number) => (numeric ? String(1_000_000_000 + i) : `P${String(i).padStart(9, '0')}`);
    // Fixed-width records: the id padded by the second field so that every record is 15 bytes with its newline.
    const build = (ids: string[]) => [header, ...ids.map((v) => `${v},${'x'.repeat(11 - v.length)},a`)].join('\n') + '\n';
    const base = Array.from({ length: n }, (_, i) => id(i));
    assert.equal(build(base).length, header.length + 1 + 15 * n);
    // no repeat: ok, every row counted
    assert.deepEqual(check(build(base), 'id', ['-99']).r, { kind: 'ok', missing: 0, rows: n });
    // missing ids (empty, NA, a missing code) are counted, never repeats of each other
    const withMissing = base.slice();
    for (const i of [5, 70_000, straddling, n - 1]) withMissing[i] = '';
    for (const i of [6, 80_000, straddling + 1]) withMissing[i] = 'NA';
    for (const i of [7, 90_000]) withMissing[i] = '-99';
    const m = check(build(withMissing), 'id', ['-99']);
    assert.deepEqual(m.r, { kind: 'ok', missing: 9, rows: n });
    assert.deepEqual(m.ref, { kind: 'ok', missing: 9 });
    // repeats: the record cut by the block's end repeats an early id; a later repeat (in file order) of an id
    // seen in another partition does not win; the first repeat in file order is reported, naming both lines
    const dup = base.slice();
    dup[straddling] = id(3);
    dup[straddling + 50_000] = id(10);
    dup[n - 2] = id(n - 3);
    const d = check(build(dup), 'id', ['-99']);
    assert.deepEqual(d.r, { ...d.ref, missing: 0 }, `numeric ${numeric}`);
    assert.equal((d.r as { line: number }).line, straddling + 2, 'the straddling record (line = index + 2)');
    assert.equal((d.r as { firstLine: number }).firstLine, 3 + 2);
    // more than a thousand repeats (the second pass checks the first thousand in file order): the earliest wins
    const many = base.slice();
    for (let i = 200_000; i < 200_000 + 6000; i++) many[i] = id(i - 150_000);
    many[150_000] = id(149_999);
    const e = check(build(many), 'id', ['-99']);
    assert.deepEqual(e.r, { ...e.ref, missing: 0 });
    assert.equal((e.r as { line: number }).line, 150_000 + 2);
  }
});
