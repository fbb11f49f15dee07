import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, scanCsv } from '../../src/data/csv.ts';
import { checkRange, checkUniqueIds, idIndexAdd, idIndexInit, idIndexMerge, idIndexValue } from '../../src/data/validate.ts';
import { StaffwellError } from '../../src/errors.ts';
import { tmpFile } from './helpers.ts';

function code(fn: () => unknown): StaffwellError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StaffwellError, String(e));
    return e;
  }
  assert.fail('expected an error');
}

test('checkUniqueIds names both lines and the value (quoted newlines counted)', () => {
  const t = readCsv(tmpFile('ids.csv', 'id,note\nS1,a\nS2,"two\nlines"\nS3,b\nS2,c\n'));
  const e = code(() => checkUniqueIds(t, 'id'));
  assert.equal(e.code, 'duplicate-id');
  assert.equal(e.location.line, 6);
  assert.equal(e.location.column, 'id');
  assert.equal(e.value, 'S2');
  assert.match(e.message, /already used on line 3/);
  checkUniqueIds(readCsv(tmpFile('ids-ok.csv', 'id\n1\n2\n\n3\n')), 'id');
  assert.equal(code(() => checkUniqueIds(t, 'ID')).code, 'unknown-column');
});

test('the id accumulator works across chunks and merges across parts', () => {
  const rows = ['id'];
  for (let i = 0; i < 30; i++) rows.push(String(i === 25 ? 7 : i));
  const f = tmpFile('ids-chunks.csv', rows.join('\n'));
  let acc = idIndexInit('id');
  const e = code(() => scanCsv(f, { chunkRows: 4 }, (c) => (acc = idIndexAdd(acc, c))));
  assert.equal(e.location.line, 27);
  assert.match(e.message, /line 9/);
  // merge: two halves of a file with a repeat across them
  const a = idIndexAdd(idIndexInit('id'), readCsv(tmpFile('ids-a.csv', 'id\n1\n2\n')));
  const b = idIndexAdd(idIndexInit('id'), readCsv(tmpFile('ids-b.csv', 'id\n3\n4\n')));
  assert.equal(idIndexValue(idIndexMerge(a, b)), 4);
  const c = idIndexAdd(idIndexInit('id'), readCsv(tmpFile('ids-c.csv', 'id\n9\n1\n')));
  assert.equal(code(() => idIndexMerge(a, c)).code, 'duplicate-id');
});

test('checkRange names the first value out of range in file order, with line, column and bounds', () => {
  const t = readCsv(tmpFile('range.csv', 'q1,q2,name\n1,5,a\n2,,b\n3,6,c\n0,1,d\n'));
  checkRange(t, ['q1'], 0, 5);
  const e = code(() => checkRange(t, ['q1', 'q2'], 1, 5));
  assert.equal(e.code, 'out-of-range');
  assert.equal(e.location.line, 4);
  assert.equal(e.location.column, 'q2');
  assert.equal(e.value, '6');
  assert.match(e.message, /1 to 5/);
  assert.match(e.message, /--min\/--max/);
  assert.equal(code(() => checkRange(t, ['name'], 1, 5)).code, 'not-numeric');
});
