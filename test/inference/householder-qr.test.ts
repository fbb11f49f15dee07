import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leastSquares } from '../../src/inference/householder-qr.ts';

test('leastSquares solves an exactly determined fit and reports (XᵀX)⁻¹', () => {
  // y = 1 + 2x on x = 0, 1, 2 (column-major X with an intercept column)
  const X = Float64Array.from([1, 1, 1, 0, 1, 2]);
  const fit = leastSquares(X, 3, 2, Float64Array.from([1, 3, 5]));
  assert.ok(Math.abs(fit.coef[0] - 1) < 1e-14 && Math.abs(fit.coef[1] - 2) < 1e-14);
  // (XᵀX)⁻¹ for XᵀX = [[3, 3], [3, 5]] is [[5, -3], [-3, 3]] / 6
  const expected = [5 / 6, -0.5, -0.5, 0.5];
  fit.unscaledCov.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-14, `cov[${i}] = ${v}`));
});

test('leastSquares marks a collinear column as aliased', () => {
  const X = Float64Array.from([1, 1, 1, 1, 1, 2, 3, 4, 2, 4, 6, 8]);
  const fit = leastSquares(X, 4, 3, Float64Array.from([1, 2, 2, 4]));
  assert.deepEqual(fit.aliased, [false, false, true]);
  assert.equal(fit.rank, 2);
});
