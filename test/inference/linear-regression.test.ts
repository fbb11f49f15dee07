import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearRegression } from '../../src/inference/linear-regression.ts';
import type { PredictorColumn } from '../../src/inference/design-matrix.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-associations');
const TEXT = new Set(['role', 'site']);
const column = (name: string): PredictorColumn => (TEXT.has(name) ? labels(fx.data[name]) : vec(fx.data[name]));

test('linearRegression matches R summary(lm()), confint() and lm on scale()d variables to 1e-8', () => {
  for (const c of fx.lm) {
    const preds = Object.fromEntries(c.x.map((nm: string) => [nm, column(nm)]));
    const r = linearRegression(vec(fx.data[c.y]), preds);
    const e = c.r;
    const label = `lm ${c.y} ~ ${c.x.join(' + ')}`;
    assert.deepEqual(r.coefficients.map((k) => k.term), e.terms);
    r.coefficients.forEach((k, i) => {
      close(k.estimate, e.estimate[i], `${label} ${k.term} b`);
      close(k.se, e.se[i], `${label} ${k.term} se`);
      close(k.statistic, e.t[i], `${label} ${k.term} t`);
      close(k.p, e.p[i], `${label} ${k.term} p`);
      close(k.ciLower, e.lower[i], `${label} ${k.term} lower`);
      close(k.ciUpper, e.upper[i], `${label} ${k.term} upper`);
      const bi = e.betaNames.indexOf(k.term);
      if (bi >= 0) close(k.standardizedBeta, e.beta[bi], `${label} ${k.term} beta`);
      else assert.ok(Number.isNaN(k.standardizedBeta));
    });
    close(r.rSquared, e.r2, `${label} R²`);
    close(r.adjRSquared, e.adjR2, `${label} adj R²`);
    close(r.fStatistic, e.F, `${label} F`);
    assert.deepEqual(r.df, e.df);
    close(r.fP, e.Fp, `${label} F p`);
    close(r.sigma, e.sigma, `${label} sigma`);
    assert.equal(r.n, e.n);
  }
});

test('linearRegression gives NaN for a predictor collinear with another (R reports NA)', () => {
  const x = [1, 2, 3, 4, 5, 6];
  const r = linearRegression([2, 3, 5, 4, 6, 8], { x, twice: x.map((v) => 2 * v) });
  assert.equal(r.rank, 2);
  assert.ok(Number.isNaN(r.coefficients[2].estimate));
  assert.ok(Number.isFinite(r.coefficients[1].estimate));
});

test('linearRegression with a collinear predictor matches R lm (NA coefficient, df from the rank) to 1e-8', () => {
  const a = fx.lmAliased;
  const preds = Object.fromEntries(a.x.map((nm: string) => [nm, vec(fx.data[nm])]));
  const r = linearRegression(vec(fx.data[a.y]), preds);
  assert.deepEqual(r.coefficients.map((k) => k.term), a.terms);
  let s = 0; // R's summary table omits aliased rows
  r.coefficients.forEach((k, i) => {
    close(k.estimate, a.estimate[i], `aliased ${k.term} b`);
    close(k.ciLower, a.lower[i], `aliased ${k.term} lower`);
    close(k.ciUpper, a.upper[i], `aliased ${k.term} upper`);
    if (a.aliased[i]) return;
    close(k.se, a.se[s], `aliased ${k.term} se`);
    close(k.p, a.p[s], `aliased ${k.term} p`);
    s++;
  });
  close(r.rSquared, a.r2, 'aliased R²');
  close(r.adjRSquared, a.adjR2, 'aliased adj R²');
  close(r.fStatistic, a.F, 'aliased F');
  assert.deepEqual(r.df, a.df);
  close(r.sigma, a.sigma, 'aliased sigma');
});
