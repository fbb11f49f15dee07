/**
 * The factor tools' correlation pass (src/stats/item-correlation.ts) against the pairwise co-moments, which match
 * R's cor(x, use = "pairwise") (test/stats/pairwise-comoments.test.ts): the complete-data path to 1e-13 on
 * generated Likert data (5,000 rows, more than one block of rows), the counts exactly against a count per pair.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyMissing, completeCorrelation, itemPearson, pairwiseCounts } from '../../src/stats/item-correlation.ts';
import { comomentsAdd, comomentsInit, pairwiseCor } from '../../src/stats/pairwise-comoments.ts';
import { expectAllClose } from '../helpers/expect-close.ts';

function likert(n: number, p: number, missing: number, seed: number): Float64Array[] {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const g = u() * 4;
    for (let j = 0; j < p; j++) cols[j][r] = u() < missing ? NaN : Math.min(5, 1 + Math.floor(g * 0.6 + u() * 2.5 + (j % 3) * 0.3));
  }
  return cols;
}

function reference(cols: Float64Array[]): Float64Array {
  const st = comomentsInit(cols.length);
  comomentsAdd(st, cols);
  return pairwiseCor(st);
}

test('complete data: the blocked two-pass correlation equals the pairwise co-moments', () => {
  const cols = likert(5000, 12, 0, 7);
  assert.equal(anyMissing(cols), false);
  const res = itemPearson(cols);
  assert.equal(res.complete, true);
  expectAllClose(res.r, reference(cols), { abs: 1e-13 }, 'r');
  expectAllClose(completeCorrelation(cols.map((c) => c.map((x) => x + 1000))), reference(cols), { abs: 1e-12 }, 'r at an offset');
  assert.ok(res.np.every((v) => v === 5000));
});

test('missing data: pairwise correlations and counts', () => {
  const cols = likert(3000, 9, 0.05, 11);
  const res = itemPearson(cols);
  assert.equal(res.complete, false);
  expectAllClose(res.r, reference(cols), { abs: 0 }, 'r (same code)');
  const p = cols.length;
  const np = pairwiseCounts(cols);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let c = 0;
    for (let r = 0; r < 3000; r++) if (cols[i][r] === cols[i][r] && cols[j][r] === cols[j][r]) c++;
    assert.equal(np[i * p + j], c, `count ${i},${j}`);
  }
});
