import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageRanks } from '../../src/inference/rank.ts';

test('averageRanks gives tied values their mean rank (R rank ties.method = "average") and the tie sum', () => {
  const r = averageRanks([3.2, 1, 3.2, 5, 3.2]);
  assert.deepEqual([...r.ranks], [3, 1, 3, 5, 3]);
  assert.equal(r.tieSum, 24); // one group of 3: 27 - 3
  assert.equal(r.hasTies, true);
  assert.equal(averageRanks([2, 1]).hasTies, false);
});
