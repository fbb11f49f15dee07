import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implausibleValues } from '../../src/psych/implausible-values.ts';

const odd = (values: number[]) => implausibleValues(values, values.map(() => 1)).map((o) => o.value);

test('implausibleValues: undeclared missing codes at either end of an item\'s answers', () => {
  assert.deepEqual(odd([1, 2, 3, 4, 5, 99]), [99]);
  assert.deepEqual(odd([-99, 1, 2, 3, 4, 5]), [-99]);
  assert.deepEqual(odd([-9, 1, 2, 3, 4, 5, 98, 99]), [-9, 98, 99]);
  assert.deepEqual(odd([0, 1, 2, 3, 9]), [9], 'GHQ-12 codes 0-3 with 9 for no answer');
  assert.deepEqual(odd([1, 2, 3, 4, 5, 9]), [9]);
  assert.deepEqual(odd([-1, 0, 1, 2, 3, 4]), [-1], 'a negative code below answers that are all 0 or more');
  assert.deepEqual(odd([1, 2, 3, 4, 5, 55]), [55], 'far outside: three times the range');
  assert.deepEqual(odd([3, 999]), [999], 'one other value');
});

test('implausibleValues: ordinary answers, wide scales and values near the range are left alone', () => {
  for (const v of [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3], [1, 2, 3, 4, 5, 7], [1, 2, 3, 4, 5, 6, 7, 9], [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99], [-3, -2, -1, 0, 1, 2, 3], [5], []])
    assert.deepEqual(odd(v), [], JSON.stringify(v));
  assert.deepEqual(implausibleValues([1, 2, 3, 99], [10, 12, 9, 2]), [{ value: 99, count: 2 }]);
});
