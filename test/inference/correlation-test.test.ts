import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlationTest } from '../../src/inference/correlation-test.ts';
import { prho } from '../../src/inference/spearman-distribution.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-associations');

test('correlationTest matches R cor.test (Pearson t and Fisher-z CI; Spearman S with AS 89 / t p) to 1e-8', () => {
  for (const c of fx.cor) {
    const label = `${c.label} ${c.args.alternative ?? 'two.sided'}`;
    const r = correlationTest(vec(c.x), vec(c.y), {
      method: c.args.method,
      alternative: c.args.alternative,
      confLevel: c.args['conf.level'],
      exact: c.args.exact,
    });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} statistic`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate, `${label} estimate`);
    if (c.r.df !== null) close(r.df as number, c.r.df, `${label} df`);
    if (c.r.ci) closeCi(r.ci, c.r.ci, `${label} ci`);
    else assert.equal(r.ci, undefined, `${label} has no CI`);
  }
});

test('prho is a probability that sums to one over both tails for small n', () => {
  for (const is of [2, 10, 40, 80]) {
    const up = prho(6, is, false);
    const low = prho(6, is, true);
    assert.ok(Math.abs(up + low - 1) < 1e-15, `is=${is}`);
  }
});

test('correlationTest rejects unequal lengths and an unknown method', () => {
  assert.throws(() => correlationTest([1, 2, 3], [1, 2]), StaffwellError);
  assert.throws(() => correlationTest([1, 2, 3], [1, 2, 3], { method: 'tau' as never }), StaffwellError);
});

test('correlationTest gives NaN for a constant variable', () => {
  assert.ok(Number.isNaN(correlationTest([3, 3, 3, 3], [1, 2, 3, 4]).estimate as number));
});
