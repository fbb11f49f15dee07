import { test } from 'node:test';
import { riskDifference } from '../../src/inference/risk-difference.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('riskDifference matches the textbook formula computed in R (estimate, z, p, Wald CI) to 1e-8', () => {
  for (const c of fx.wald) {
    const label = `riskDifference(${JSON.stringify(c.table)}, ${c.confLevel})`;
    const r = riskDifference(c.table, { confLevel: c.confLevel });
    close(r.estimate as number, c.rd.estimate, `${label} estimate`);
    close(r.statistic, c.rd.z, `${label} z`);
    close(r.p, c.rd.p, `${label} p`);
    closeCi(r.ci, c.rd.ci, `${label} ci`);
  }
});
