import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilcoxonSignedRank } from '../../src/inference/wilcoxon-signed-rank.ts';
import { mannWhitney } from '../../src/inference/mann-whitney.ts';
import { correlationTest } from '../../src/inference/correlation-test.ts';
import { fisherTest } from '../../src/inference/fisher-test.ts';
import { mcnemarTest } from '../../src/inference/mcnemar-test.ts';
import { chisqGoodnessOfFit } from '../../src/inference/chisq-goodness-of-fit.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-rank-tests');

// Statistics and p-values: 1e-8 relative. Hodges–Lehmann estimates and normal-approximation intervals come from
// R's uniroot (tol 1e-4); taking the same steps, they match R to 1e-8 as well.
test('wilcoxonSignedRank matches R wilcox.test (one sample and paired; V, p, pseudo-median and CI; exact and normal)', () => {
  for (const c of fx.signed) {
    const label = `signed ${JSON.stringify(c.args)} n=${c.x.length}`;
    const r = wilcoxonSignedRank(vec(c.x), c.y ? vec(c.y) : undefined, {
      mu: c.args.mu,
      alternative: c.args.alternative,
      correct: c.args.correct,
      confLevel: c.args.conf_level ?? c.args['conf.level'],
    });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} V`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate, `${label} estimate`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
    close(r.confLevel!, c.r.conf_level, `${label} conf level`);
  }
});

test('mannWhitney matches R wilcox.test(conf.int = TRUE): difference in location and its CI, exact and normal', () => {
  for (const c of fx.ranksum) {
    const label = `ranksum ${JSON.stringify(c.args)} n=${c.x.length},${c.y.length}`;
    const r = mannWhitney(vec(c.x), vec(c.y), { mu: c.args.mu, alternative: c.args.alternative, correct: c.args.correct, confLevel: c.args['conf.level'] });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} W`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate, `${label} estimate`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
    close(r.confLevel!, c.r.conf_level, `${label} conf level`);
  }
});

test("correlationTest(method: 'kendall') matches R cor.test: tau-b, T (exact) or z (ties, continuity), p", () => {
  for (const c of fx.kendall) {
    const label = `kendall ${JSON.stringify(c.args)} n=${c.x.length}`;
    const r = correlationTest(vec(c.x), vec(c.y), { method: 'kendall', ...c.args });
    assert.equal(r.method, c.r.method, label);
    close(r.estimate as number, c.r.estimate, `${label} tau`);
    close(r.statistic, c.r.statistic, `${label} statistic`);
    close(r.p, c.r.p, `${label} p`);
  }
});

test('fisherTest matches R fisher.test on r×c tables (two-sided p)', () => {
  for (const c of fx.fisher) {
    const label = `fisher ${JSON.stringify(c.table)}`;
    const r = fisherTest(c.table);
    close(r.p, c.r.p, `${label} p`, { rel: 1e-8, abs: 1e-14 });
  }
});

test('mcnemarTest matches R mcnemar.test (2×2 with and without correction, symmetric, 3×3)', () => {
  for (const c of fx.mcnemar) {
    const label = `mcnemar ${JSON.stringify(c.table)} correct=${c.correct}`;
    const r = mcnemarTest(c.table, { correct: c.correct });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} X2`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
  }
  assert.throws(() => mcnemarTest([[1, 2, 3], [4, 5, 6]]), StaffwellError);
});

test('chisqGoodnessOfFit matches R chisq.test(x, p = ) (equal, given and rescaled probabilities)', () => {
  for (const c of fx.gof) {
    const label = `gof ${JSON.stringify(c.x)} p=${JSON.stringify(c.p)}`;
    const r = chisqGoodnessOfFit(c.x, c.p ?? undefined, { rescale: c.rescale });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} X2`);
    close(r.p, c.r.p, `${label} p`);
    r.expected.forEach((e, i) => close(e, c.expected[i], `${label} expected[${i}]`));
    r.residuals.forEach((e, i) => close(e, c.residuals[i], `${label} residual[${i}]`));
  }
  assert.throws(() => chisqGoodnessOfFit([1, 2], [0.5, 0.6]), /sum to 1/);
});
