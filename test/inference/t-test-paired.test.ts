import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tTestPaired } from '../../src/inference/t-test-paired.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-means');

test('tTestPaired matches R t.test(paired = TRUE), incomplete pairs dropped, to 1e-8', () => {
  for (const c of fx.ttest.filter((c: { kind: string }) => c.kind === 'paired')) {
    const label = `paired mu=${c.args.mu ?? 0} ${c.args.alternative ?? 'two.sided'}`;
    const r = tTestPaired(vec(c.x), vec(c.y), { mu: c.args.mu, alternative: c.args.alternative, confLevel: c.args['conf.level'] });
    assert.equal(r.method, c.r.method);
    close(r.statistic, c.r.statistic, `${label} t`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['mean difference'], `${label} mean difference`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('tTestPaired rejects samples of different lengths', () => {
  assert.throws(() => tTestPaired([1, 2, 3], [1, 2]), StaffwellError);
});
