/** The survey data view's wording: the codes field, missing shares, ranges and distinct counts, runs of columns. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { columnRun, formatCodes, missingText, parseCodes, rangeText } from '../../web/src/survey-format.ts';

test('the codes field: comma-separated, trimmed, no empties or repeats; codes may hold spaces', () => {
  assert.deepEqual(parseCodes(' -99, 999 ,, Prefer not to say, -99 '), ['-99', '999', 'Prefer not to say']);
  assert.deepEqual(parseCodes(''), []);
  assert.equal(formatCodes(['-99', 'N/A']), '-99, N/A');
});

test('missing cells with their share of the rows', () => {
  assert.equal(missingText(0, 300), '0');
  assert.equal(missingText(11, 300), '11 (4%)');
  assert.equal(missingText(1, 1000), '1 (<1%)');
});

test('range and distinct answers', () => {
  assert.equal(rangeText({ kind: 'number', min: 1, max: 5, distinct: 5 }), '1 – 5 · 5 distinct');
  assert.equal(rangeText({ kind: 'number', min: -100.5, max: 1000000.125, distinct: 1000, distinctCapped: true }), '-100.5 – 1000000.125 · 1000+ distinct');
  assert.equal(rangeText({ kind: 'text', distinct: 6 }), '6 distinct');
  assert.equal(rangeText({ kind: 'number', distinct: 0 }), 'no answers');
});

test('a run of columns in a few words', () => {
  assert.equal(columnRun(['ghq_1', 'ghq_2', 'ghq_3', 'ghq_4']), 'ghq_1 … ghq_4');
  assert.equal(columnRun(['a', 'b']), 'a, b');
});
