import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDesign } from '../../src/inference/design-matrix.ts';
import { StaffwellError } from '../../src/errors.ts';

test('buildDesign dummy-codes text factors against the first sorted level and keeps complete cases', () => {
  const d = buildDesign([1, 2, 3, NaN, 5], { x: [1, 2, NaN, 4, 5], role: ['nurse', 'ahp', 'hca', 'ahp', 'hca'] });
  assert.deepEqual(d.terms.map((t) => t.name), ['(Intercept)', 'x', 'rolehca', 'rolenurse']);
  assert.equal(d.n, 3);
  assert.equal(d.dropped, 2);
  assert.deepEqual(d.factorLevels, { role: ['ahp', 'hca', 'nurse'] });
  assert.deepEqual([...d.X.subarray(6, 9)], [0, 0, 1]); // rolehca on rows 1, 2, 5
});

test('buildDesign treats a numeric column named in factors as a factor and rejects unknown factors', () => {
  const d = buildDesign([1, 2, 3], { site: [2, 1, 2] }, { factors: ['site'] });
  assert.deepEqual(d.terms.map((t) => t.name), ['(Intercept)', 'site2']);
  assert.throws(() => buildDesign([1, 2], { x: [1, 2] }, { factors: ['role'] }), StaffwellError);
  assert.throws(() => buildDesign([1, 2], { x: [1, 2, 3] }), StaffwellError);
});
