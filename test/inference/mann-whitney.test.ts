import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitney } from '../../src/inference/mann-whitney.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('mannWhitney matches R wilcox.test (W, p; exact, normal with tie and continuity corrections) to 1e-8', () => {
  for (const c of fx.wilcox) {
    const label = `wilcox ${JSON.stringify(c.args)} n=${c.x.length},${c.y.length}`;
    const r = mannWhitney(vec(c.x), vec(c.y), c.args);
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} W`);
    close(r.p, c.r.p, `${label} p`);
  }
});

test('mannWhitney gives NaN for an empty sample and rejects an unknown alternative', () => {
  assert.ok(Number.isNaN(mannWhitney([NaN], [1, 2]).p));
  assert.throws(() => mannWhitney([1], [2], { alternative: 'up' as never }), StaffwellError);
});

test('mannWhitney with every value tied gives W as R and p NaN (zero variance), as R', () => {
  const t = fx.tied.wilcox;
  const r = mannWhitney([3, 3, 3], [3, 3]);
  assert.equal(r.method, t.method);
  close(r.statistic, t.statistic, 'tied W');
  close(r.p, t.p, 'tied p');
});
