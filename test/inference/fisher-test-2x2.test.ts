import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisherTest2x2 } from '../../src/inference/fisher-test-2x2.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('fisherTest2x2 matches R fisher.test (p, conditional MLE odds ratio, exact CI) to 1e-8', () => {
  for (const c of fx.fisher) {
    const label = `fisher(${JSON.stringify(c.table)}, ${c.alternative}, or=${c.or})`;
    const r = fisherTest2x2(c.table, { alternative: c.alternative, confLevel: c.confLevel, or: c.or });
    assert.equal(r.method, c.r.method);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['odds ratio'], `${label} odds ratio`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('fisherTest2x2 rejects fractional counts and a 2×3 table', () => {
  assert.throws(() => fisherTest2x2([[1.5, 2], [3, 4]]), StaffwellError);
  assert.throws(() => fisherTest2x2([[1, 2, 3], [3, 4, 5]]), StaffwellError);
});
