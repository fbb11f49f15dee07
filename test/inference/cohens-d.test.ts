import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohensD, cohensDVsNorm } from '../../src/inference/cohens-d.ts';
import { close, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-means');

test('cohensD (pooled SD) equals the formula computed in R to 1e-8', () => {
  for (const c of fx.cohen.d) close(cohensD(vec(c.x), vec(c.y)), c.d, 'd');
});

test('cohensDVsNorm standardises by the norm SD (R fixture) to 1e-8', () => {
  for (const c of fx.cohen.dNorm) {
    close(cohensDVsNorm(vec(c.x), c.norm), c.d, 'd vs norm (sample)');
    const x = vec(c.x).filter((v) => !Number.isNaN(v));
    close(cohensDVsNorm({ mean: x.reduce((a, b) => a + b, 0) / x.length }, c.norm), c.d, 'd vs norm (mean)');
  }
});

test('cohensD is NaN for one observation per group', () => {
  assert.ok(Number.isNaN(cohensD([3], [4])));
});
