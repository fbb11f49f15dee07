import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohensH } from '../../src/inference/cohens-h.ts';
import { close, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-means');

test('cohensH equals 2 asin √p1 − 2 asin √p2 computed in R to 1e-8', () => {
  for (const c of fx.cohen.h) close(cohensH(c.p1, c.p2), c.h, `h(${c.p1}, ${c.p2})`);
});

test('cohensH is NaN for a proportion outside [0, 1]', () => {
  assert.ok(Number.isNaN(cohensH(1.2, 0.3)));
});
