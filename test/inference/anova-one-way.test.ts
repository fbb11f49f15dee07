import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anovaOneWay } from '../../src/inference/anova-one-way.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('anovaOneWay matches R anova(aov(y ~ g)) (F, df, p, SS, MS, η²) with NA rows dropped to 1e-8', () => {
  for (const [k, c] of fx.groups.entries()) {
    const r = anovaOneWay(vec(c.y), labels(c.g));
    const label = `anova case ${k}`;
    close(r.statistic, c.anova.F, `${label} F`);
    assert.deepEqual(r.df, c.anova.df);
    close(r.p, c.anova.p, `${label} p`);
    close(r.ssBetween, c.anova.ss[0], `${label} SS between`);
    close(r.ssWithin, c.anova.ss[1], `${label} SS within`);
    close(r.msBetween, c.anova.ms[0], `${label} MS between`);
    close(r.msWithin, c.anova.ms[1], `${label} MS within`);
    close(r.etaSquared, c.anova.eta2, `${label} eta²`);
  }
});

test('anovaOneWay accepts Int32Array codes with a dictionary and gives NaN F for all-equal values', () => {
  const r = anovaOneWay([3, 4, 5, 3.5, NaN], Int32Array.from([0, 0, 1, 1, -1]), { levels: ['a', 'b'] });
  assert.deepEqual(Object.keys(r.n), ['a', 'b']);
  assert.ok(Number.isNaN(anovaOneWay([3, 3, 3, 3], ['a', 'a', 'b', 'b']).statistic));
});

test('anovaOneWay counts only levels with observations, as aov with an unused factor level (R fixture)', () => {
  const e = fx.emptyLevel;
  const r = anovaOneWay(vec(e.y), labels(e.g), { levels: e.levels });
  close(r.statistic, e.anova.F, 'empty level F');
  assert.deepEqual(r.df, e.anova.df);
  close(r.p, e.anova.p, 'empty level p');
});

test('anovaOneWay gives NaN when every value is tied (R prints F = 1 from rounding noise in its QR residuals)', () => {
  const t = fx.tied;
  const r = anovaOneWay(vec(t.y), labels(t.g));
  assert.ok(Number.isNaN(r.statistic) && Number.isNaN(r.p));
  assert.deepEqual(r.df, t.anova.df);
});
