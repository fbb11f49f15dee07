import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propTest } from '../../src/inference/prop-test.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('propTest matches R prop.test (one, two and four samples; with and without correction) to 1e-8', () => {
  for (const c of fx.prop) {
    const label = `prop(${c.x}, ${c.n}, p=${c.p}, ${c.alternative}, correct=${c.correct})`;
    const r = propTest(c.x, c.n, {
      ...(c.p === null ? {} : { p: c.p }),
      alternative: c.alternative,
      confLevel: c.confLevel,
      correct: c.correct,
    });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} X-squared`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
    const est = typeof r.estimate === 'number' ? [r.estimate] : Object.values(r.estimate ?? {});
    const rest = Object.values(c.r.estimate) as number[];
    est.forEach((e, i) => close(e, rest[i], `${label} estimate ${i}`));
    if (c.r.ci) closeCi(r.ci, c.r.ci, `${label} ci`);
    else assert.equal(r.ci, undefined);
  }
});

test('propTest rejects a null proportion with several samples and a one-sided test of three', () => {
  assert.throws(() => propTest([3, 4], [10, 10], { p: 0.3 }), StaffwellError);
  assert.throws(() => propTest([3, 4, 5], [10, 10, 10], { alternative: 'less' }), StaffwellError);
  assert.throws(() => propTest([3, 4], [10]), StaffwellError);
});
