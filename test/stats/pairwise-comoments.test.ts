/**
 * Pairwise co-moments, Pinv, smc and cov2cor against R (test/fixtures/r/psych-matrix.R). Tolerances: cov 1e-9
 * absolute (values ~100), cor/smc/pinv of R 1e-12 absolute; Pinv of a singular matrix 1e-9 relative to its
 * largest entry (the null space is cut at sqrt(eps)·d[1] exactly as psych).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { expectAllClose } from '../helpers/expect-close.ts';
import {
  comomentsAdd, comomentsClone, comomentsInit, comomentsMerge, pairwiseCor, pairwiseCov,
} from '../../src/stats/pairwise-comoments.ts';
import { cov2cor, pinv, svd } from '../../src/stats/matrix.ts';
import { smc } from '../../src/stats/smc.ts';
import { momentsAdd, momentsInit, momentsMerge, momentsValue } from '../../src/stats/moments.ts';
import { valueCountsAdd, valueCountsInit, valueCountsMedian } from '../../src/stats/value-counts.ts';
import { loadJson, toFloat } from '../psych/fixture.ts';

const fx = loadJson('psych-matrix.json');
const cols = Object.values(fx.data as Record<string, (number | null)[]>).map(toFloat);
const p = cols.length;
const n = cols[0].length;
// R's as.vector is column-major; our matrices are row-major but symmetric, so the vectors agree.

test('cov/cor pairwise and listwise equal R', () => {
  const st = comomentsInit(p);
  comomentsAdd(st, cols);
  expectAllClose(pairwiseCov(st), fx.cov_pairwise, { abs: 1e-9 }, 'cov pairwise');
  expectAllClose(pairwiseCor(st), fx.cor_pairwise, { abs: 1e-12 }, 'cor pairwise');
  expectAllClose(cov2cor(pairwiseCov(st), p), fx.cov2cor_pairwise, { abs: 1e-12 }, 'cov2cor');
  const lw = comomentsInit(p, { listwise: true });
  comomentsAdd(lw, cols);
  expectAllClose(pairwiseCov(lw), fx.cov_listwise, { abs: 1e-9 }, 'cov listwise');
});

test('chunks with different shifts merge to the one-pass result', () => {
  const whole = comomentsInit(p);
  comomentsAdd(whole, cols);
  const a = comomentsInit(p);
  const b = comomentsInit(p, { shifts: [1e3, -5, 0, 7, 49, 51] });
  comomentsAdd(a, cols, 0, 33);
  comomentsAdd(b, cols, 33, n);
  const m = comomentsClone(b);
  comomentsMerge(m, a);
  expectAllClose(pairwiseCov(m), pairwiseCov(whole), { abs: 1e-10 }, 'merged cov');
  expectAllClose(pairwiseCor(m), pairwiseCor(whole), { abs: 1e-11 }, 'merged cor');
  const mo = momentsInit(p);
  momentsAdd(mo, cols, 0, 10);
  const mo2 = momentsInit(p);
  momentsAdd(mo2, cols, 10, n);
  momentsMerge(mo, mo2);
  const v = momentsValue(mo);
  for (let i = 0; i < p; i++) assert.ok(Math.abs(v.variance[i] - fx.cov_pairwise[i * p + i]) < 1e-9, `variance ${i}`);
});

test('Pinv, smc (correlation and covariance form) equal psych', () => {
  const R = Float64Array.from(fx.cor_pairwise);
  const C = Float64Array.from(fx.cov_pairwise);
  expectAllClose(pinv(R, p), fx.pinv_R, { abs: 1e-12 }, 'Pinv(R)');
  expectAllClose(smc(R, p), fx.smc_R, { abs: 1e-12 }, 'smc(R)');
  expectAllClose(smc(C, p, true), fx.smc_C_covar, { abs: 1e-9 }, 'smc(C, covar = TRUE)');
});

test('Pinv of a singular matrix drops the null space like psych', () => {
  const S = Float64Array.from(fx.singular);
  const q = 4;
  const big = Math.max(...fx.pinv_singular.map(Math.abs));
  expectAllClose(svd(S, q, q).d.slice(0, 3), fx.svd_singular_d.slice(0, 3), { abs: 1e-12 }, 'singular values');
  expectAllClose(pinv(S, q), fx.pinv_singular, { abs: 1e-9 * big }, 'Pinv(singular)');
  expectAllClose(smc(S, q), fx.smc_singular, { abs: 1e-9 }, 'smc(singular)');
});

test('value histogram gives R medians (odd, even, non-integer)', () => {
  const v = valueCountsInit();
  valueCountsAdd(v, Float64Array.of(3, 1, NaN, 4, 2));
  assert.equal(valueCountsMedian(v), 2.5);
  const w = valueCountsInit();
  valueCountsAdd(w, Float64Array.of(3, 1.5, 4, 1e6 + 0.5, 2));
  assert.equal(valueCountsMedian(w), 3);
  const o = valueCountsInit(3);
  valueCountsAdd(o, Float64Array.of(0.1, 0.2, 0.3, 0.4));
  assert.ok(Number.isNaN(valueCountsMedian(o)), 'too many distinct values: NaN');
});
