import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisherTest2x2 } from '../../src/inference/fisher-test-2x2.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('fisherTest2x2 matches R fisher.test (p, conditional MLE odds ratio, exact CI) to 1e-8', () => {
  for (const c of fx.fisher) {
    const label = `fisher(${JSON.stringify(c.table)}, ${c.alternative}, or=${c.or})`;
    const r = fisherTest2x2(c.table, { alternative: c.alternative, confLevel: c.confLevel, or: c.or });
    assert.equal(r.method, c.r.method);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['odds ratio'], `${label} odds ratio`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('fisherTest2x2 rejects fractional counts and a 2×3 table', () => {
  assert.throws(() => fisherTest2x2([[1.5, 2], [3, 4]]), StaffwellError);
  assert.throws(() => fisherTest2x2([[1, 2, 3], [3, 4, 5]]), StaffwellError);
});

test('fisherTest2x2 over its densities\' windows gives the whole-support computation to the bit (small, large, skewed and edge tables)', async () => {
  const { fisherTest2x2Full } = await import('./oracles/fisher-test-2x2-full.ts');
  let seed = 7;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const tables: [[number, number], [number, number]][] = [
    [[0, 5], [6, 4]],
    [[5, 0], [0, 5]],
    [[0, 0], [3, 4]],
    [[139459, 246023], [127, 373]],
    [[1000, 999000], [5, 995]],
    [[350000, 650000], [300, 700]],
    [[6000, 4000], [5000, 5000]],
  ];
  for (let t = 0; t < 24; t++) {
    const scale = [10, 100, 3000, 30000][t % 4];
    tables.push([[rnd(scale), rnd(scale)], [rnd(scale / 10 + 1), rnd(scale)]]);
  }
  for (const table of tables) {
    for (const alternative of ['two.sided', 'less', 'greater'] as const) {
      for (const or of [1, 2.5]) {
        const got = fisherTest2x2(table, { alternative, or });
        const want = fisherTest2x2Full(table, { alternative, or });
        const label = `${JSON.stringify(table)} ${alternative} or=${or}`;
        assert.equal(got.p, want.p, `${label} p: actual ${got.p}, expected ${want.p}, difference ${got.p - want.p}`);
        assert.equal(got.estimate, want.estimate, `${label} estimate: actual ${got.estimate}, expected ${want.estimate}`);
        assert.deepEqual(got.ci, want.ci, `${label} ci: actual ${got.ci}, expected ${want.ci}`);
      }
    }
  }
});
