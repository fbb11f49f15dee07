import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitByGroup } from '../../src/inference/groups.ts';
import { StaffwellError } from '../../src/errors.ts';

test('splitByGroup sorts text labels, drops missing values, missing labels and empty levels', () => {
  const g = splitByGroup([1, 2, NaN, 4, 5, 6], ['nurse', 'ahp', 'ahp', null, '', 'nurse']);
  assert.deepEqual(g.levels, ['ahp', 'nurse']);
  assert.deepEqual(g.values.map((v) => [...v]), [[2], [1, 6]]);
});

test('splitByGroup takes Int32Array codes (negative = missing) named by a dictionary, in code order', () => {
  const g = splitByGroup([1, 2, 3, 4], Int32Array.from([2, 0, -1, 2]), { levels: ['a', 'b', 'c'] });
  assert.deepEqual(g.levels, ['a', 'c']);
  assert.deepEqual(g.values.map((v) => [...v]), [[2], [1, 4]]);
});

test('splitByGroup honours a given level order and rejects labels missing from it, and unequal lengths', () => {
  assert.deepEqual(splitByGroup([1, 2], ['b', 'a'], { levels: ['b', 'a'] }).levels, ['b', 'a']);
  assert.throws(() => splitByGroup([1, 2], ['b', 'c'], { levels: ['b', 'a'] }), StaffwellError);
  assert.throws(() => splitByGroup([1, 2, 3], ['b', 'a']), StaffwellError);
});
