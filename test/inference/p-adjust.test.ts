import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pAdjust, type PAdjustMethod } from '../../src/inference/p-adjust.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('pAdjust matches R p.adjust for every method, NA kept in place, to 1e-8', () => {
  const p = vec(fx.pAdjust.p);
  for (const [method, expected] of Object.entries(fx.pAdjust.adjusted) as [PAdjustMethod, unknown[]][]) {
    const r = pAdjust(p, method);
    expected.forEach((e, i) => close(r[i], e, `${method}[${i}]`));
  }
});

test('pAdjust rejects an unknown method', () => {
  assert.throws(() => pAdjust([0.1], 'sidak' as never), StaffwellError);
});
