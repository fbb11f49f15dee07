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
