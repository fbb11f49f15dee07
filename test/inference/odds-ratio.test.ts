import { test } from 'node:test';
import { oddsRatio } from '../../src/inference/odds-ratio.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('oddsRatio matches the textbook formula computed in R (estimate, z, p, Wald CI) to 1e-8', () => {
  for (const c of fx.wald) {
    const label = `oddsRatio(${JSON.stringify(c.table)}, ${c.confLevel})`;
    const r = oddsRatio(c.table, { confLevel: c.confLevel });
    close(r.estimate as number, c.or.estimate, `${label} estimate`);
    close(r.statistic, c.or.z, `${label} z`);
    close(r.p, c.or.p, `${label} p`);
    closeCi(r.ci, c.or.ci, `${label} ci`);
  }
});
