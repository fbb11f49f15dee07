import { test } from 'node:test';
import { wilsonInterval } from '../../src/inference/wilson-interval.ts';
import { closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('wilsonInterval equals R prop.test(correct = FALSE)$conf.int to 1e-8', () => {
  for (const c of fx.wilson) closeCi(wilsonInterval(c.x, c.n, c.confLevel), c.ci, `wilson(${c.x}, ${c.n})`);
});
