import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tTestOneSample, tTestOneSampleFromSummary } from '../../src/inference/t-test-one-sample.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-means');

test('tTestOneSample matches R t.test(x, mu) with NA dropped to 1e-8', () => {
  for (const c of fx.ttest.filter((c: { kind: string }) => c.kind === 'one')) {
    const label = `one-sample mu=${c.args.mu} ${c.args.alternative ?? 'two.sided'}`;
    const r = tTestOneSample(vec(c.x), { mu: c.args.mu, alternative: c.args.alternative, confLevel: c.args['conf.level'] });
    assert.equal(r.method, c.r.method);
    close(r.statistic, c.r.statistic, `${label} t`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['mean of x'], `${label} mean`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('tTestOneSampleFromSummary reproduces t.test formulas from mean, SD and n (R fixture) to 1e-8', () => {
  for (const c of fx.oneSummary) {
    const r = tTestOneSampleFromSummary(c.sample, { mu: c.mu });
    close(r.statistic, c.r.t, 'summary t');
    close(r.df as number, c.r.df, 'summary df');
    close(r.p, c.r.p, 'summary p');
    closeCi(r.ci, c.r.ci, 'summary ci');
  }
});

test('tTestOneSample gives NaN for n = 1 and for constant data (R stops with an error there)', () => {
  const one = tTestOneSample([3.2, NaN]);
  assert.ok(Number.isNaN(one.statistic) && Number.isNaN(one.p));
  const flat = tTestOneSample([3, 3, 3, 3], { mu: 2 });
  assert.ok(Number.isNaN(flat.statistic) && Number.isNaN(flat.p) && Number.isNaN(flat.ci![0]));
});

test('tTestOneSample rejects an unknown alternative and a bad confidence level', () => {
  assert.throws(() => tTestOneSample([1, 2, 3], { alternative: 'bigger' as never }), StaffwellError);
  assert.throws(() => tTestOneSample([1, 2, 3], { confLevel: 95 }), StaffwellError);
});
