import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniroot, UNIROOT_TOL } from '../../src/inference/uniroot.ts';

test('uniroot finds a root within R\'s default tolerance and returns an endpoint that is a root', () => {
  const r = uniroot((x) => x * x - 2, 0, 2);
  assert.ok(Math.abs(r - Math.SQRT2) < UNIROOT_TOL);
  assert.equal(uniroot((x) => x - 1, 1, 3), 1);
});
