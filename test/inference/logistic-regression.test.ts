import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticRegression } from '../../src/inference/logistic-regression.ts';
import type { PredictorColumn } from '../../src/inference/design-matrix.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-associations');
const column = (name: string): PredictorColumn => (name === 'role' ? labels(fx.data[name]) : vec(fx.data[name]));

test('logisticRegression matches R glm(family = binomial) and exp(confint.default()) to 1e-8', () => {
  for (const c of fx.glm) {
    const preds = Object.fromEntries(c.x.map((nm: string) => [nm, column(nm)]));
    const r = logisticRegression(vec(fx.data[c.y]), preds);
    const e = c.r;
    const label = `glm ${c.y} ~ ${c.x.join(' + ')}`;
    assert.deepEqual(r.coefficients.map((k) => k.term), e.terms);
    r.coefficients.forEach((k, i) => {
      close(k.estimate, e.estimate[i], `${label} ${k.term} b`);
      close(k.se, e.se[i], `${label} ${k.term} se`);
      close(k.statistic, e.z[i], `${label} ${k.term} z`);
      close(k.p, e.p[i], `${label} ${k.term} p`);
      close(k.oddsRatio, e.or[i], `${label} ${k.term} OR`);
      close(k.orLower, e.orLower[i], `${label} ${k.term} OR lower`);
      close(k.orUpper, e.orUpper[i], `${label} ${k.term} OR upper`);
    });
    close(r.deviance, e.deviance, `${label} deviance`);
    close(r.nullDeviance, e.nullDeviance, `${label} null deviance`);
    close(r.aic, e.aic, `${label} AIC`);
    assert.equal(r.dfResidual, e.dfResidual);
    assert.equal(r.dfNull, e.dfNull);
    assert.equal(r.iterations, e.iter);
    assert.equal(r.converged, e.converged);
    assert.equal(r.separation, false);
    assert.equal(r.n, e.n);
  }
});

test('logisticRegression flags complete separation (R: fitted probabilities numerically 0 or 1)', () => {
  const s = fx.separation;
  const r = logisticRegression(vec(s.case), { workload: vec(s.workload) });
  assert.equal(r.separation, true);
  assert.equal(r.iterations, s.iter);
});

test('logisticRegression rejects an outcome that is not 0/1', () => {
  assert.throws(() => logisticRegression([0, 1, 2], { x: [1, 2, 3] }), StaffwellError);
});
