import { test } from 'node:test';
import { riskRatio } from '../../src/inference/risk-ratio.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('riskRatio matches the textbook formula computed in R (estimate, z, p, Wald CI) to 1e-8', () => {
  for (const c of fx.wald) {
    const label = `riskRatio(${JSON.stringify(c.table)}, ${c.confLevel})`;
    const r = riskRatio(c.table, { confLevel: c.confLevel });
    close(r.estimate as number, c.rr.estimate, `${label} estimate`);
    close(r.statistic, c.rr.z, `${label} z`);
    close(r.p, c.rr.p, `${label} p`);
    closeCi(r.ci, c.rr.ci, `${label} ci`);
  }
});
