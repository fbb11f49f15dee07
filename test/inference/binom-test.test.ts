import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomTest } from '../../src/inference/binom-test.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('binomTest matches R binom.test (p, estimate, Clopper–Pearson CI) to 1e-8', () => {
  for (const c of fx.binom) {
    const label = `binom(${c.x}, ${c.n}, p=${c.p}, ${c.alternative}, ${c.confLevel})`;
    const r = binomTest(c.x, c.n, { p: c.p, alternative: c.alternative, confLevel: c.confLevel });
    assert.equal(r.method, c.r.method);
    close(r.statistic, c.r.statistic, `${label} x`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['probability of success'], `${label} estimate`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('binomTest rejects an unknown alternative and impossible counts', () => {
  assert.throws(() => binomTest(3, 10, { alternative: 'both' as never }), StaffwellError);
  assert.throws(() => binomTest(11, 10), StaffwellError);
  assert.throws(() => binomTest(3, 10, { p: 1.2 }), StaffwellError);
});
