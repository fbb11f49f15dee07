import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tTestTwoSample, welchFromSummary } from '../../src/inference/t-test-two-sample.ts';
import { close, closeCi, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-means');

test('tTestTwoSample matches R t.test (Welch and var.equal = TRUE) with NA dropped to 1e-8', () => {
  for (const c of fx.ttest.filter((c: { kind: string }) => c.kind === 'welch' || c.kind === 'student')) {
    const label = `${c.kind} mu=${c.args.mu ?? 0} ${c.args.alternative ?? 'two.sided'} n=${vec(c.x).length}`;
    const r = tTestTwoSample(vec(c.x), vec(c.y), {
      mu: c.args.mu,
      alternative: c.args.alternative,
      confLevel: c.args['conf.level'],
      varEqual: c.kind === 'student',
    });
    assert.equal(r.method, c.r.method);
    close(r.statistic, c.r.statistic, `${label} t`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
    const est = r.estimate as Record<string, number>;
    close(est['mean of x'], c.r.estimate['mean of x'], `${label} mean x`);
    close(est['mean of y'], c.r.estimate['mean of y'], `${label} mean y`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('welchFromSummary reproduces t.test formulas for a sample against a published norm to 1e-8', () => {
  for (const c of fx.welchSummary) {
    const r = welchFromSummary(c.sample, c.norm, { varEqual: c.varEqual });
    close(r.statistic, c.r.t, 'summary t');
    close(r.df as number, c.r.df, 'summary df');
    close(r.p, c.r.p, 'summary p');
    closeCi(r.ci, c.r.ci, 'summary ci');
  }
});

test('tTestTwoSample (Welch) gives NaN when a group has one value; both groups constant gives NaN', () => {
  assert.ok(Number.isNaN(tTestTwoSample([3.2], [3, 4, 5]).p));
  assert.ok(Number.isNaN(tTestTwoSample([3, 3, 3], [4, 4, 4]).p));
  assert.ok(Number.isNaN(tTestTwoSample([], [4, 5, 4]).p));
});

test('welchFromSummary rejects a negative SD and a fractional n', () => {
  assert.throws(() => welchFromSummary({ mean: 3, sd: -1, n: 10 }, { mean: 3, sd: 1, n: 10 }), /sd/);
  assert.throws(() => welchFromSummary({ mean: 3, sd: 1, n: 10.5 }, { mean: 3, sd: 1, n: 10 }), /n/);
});
