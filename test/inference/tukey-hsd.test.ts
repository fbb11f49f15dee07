import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tukeyHSD } from '../../src/inference/tukey-hsd.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');


test('tukeyHSD matches R TukeyHSD(aov(y ~ g)) (diff, lwr, upr, p adj; 95% and 90%) to 1e-8', () => {
  for (const [k, c] of fx.groups.entries()) {
    const r = tukeyHSD(vec(c.y), labels(c.g));
    const r90 = tukeyHSD(vec(c.y), labels(c.g), { confLevel: 0.9 });
    assert.deepEqual(r.comparisons.map((x) => x.comparison), c.tukey.names);
    r.comparisons.forEach((cmp, i) => {
      const label = `tukey ${k} ${cmp.comparison}`;
      close(cmp.diff, c.tukey.diff[i], `${label} diff`);
      close(cmp.lwr, c.tukey.lwr[i], `${label} lwr`);
      close(cmp.upr, c.tukey.upr[i], `${label} upr`);
      close(cmp.pAdj, c.tukey.p[i], `${label} p adj`);
      close(r90.comparisons[i].lwr, c.tukey.lwr90[i], `${label} lwr 90%`);
      close(r90.comparisons[i].upr, c.tukey.upr90[i], `${label} upr 90%`);
    });
  }
});
