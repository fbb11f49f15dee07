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

test('fisherTest2x2 agrees with the whole-support sum within 1e-12 relative on random tables (sizes 10 to 10^6, near independence to strong association, skewed margins, every alternative, null odds ratios, confidence levels)', async () => {
  const { fisherTest2x2Full } = await import('./oracles/fisher-test-2x2-full.ts');
  let seed = 20261204;
  const uniform = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const rel = (got: number, want: number) => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));
  let cases = 0;
  let worst = 0;
  for (let t = 0; t < 60; t++) {
    // a total of 10^1 .. 10^6 people (log-uniform); cell shares from even to 1:10^4 apart (cells of 0 only in
    // small tables or tiny shares), so tables run from no association to a strong one, balanced to skewed
    const total = Math.round(10 ** (1 + 5 * uniform()));
    // (every other table is near independence instead: margins at random, the first cell moved by up to two
    // standard deviations, so p-values and intervals are in their middle range)
    let cells: number[];
    if (t % 2 === 0) {
      const w = [0, 1, 2, 3].map(() => 10 ** (-4 * uniform() ** 2));
      const sum = w[0] + w[1] + w[2] + w[3];
      cells = w.map((x) => Math.round((total * x) / sum));
    } else {
      const pr = 0.02 + 0.96 * uniform();
      const pc = 0.02 + 0.96 * uniform();
      cells = [pr * pc, pr * (1 - pc), (1 - pr) * pc, (1 - pr) * (1 - pc)].map((x) => Math.round(total * x));
      const shift = Math.round((uniform() - 0.5) * 4 * Math.sqrt(cells[0] + 1));
      const move = Math.max(-cells[0], -cells[3], Math.min(shift, cells[1], cells[2]));
      cells = [cells[0] + move, cells[1] - move, cells[2] - move, cells[3] + move];
    }
    const [a, b, c, d] = cells;
    const table: [[number, number], [number, number]] = [[a, b], [c, d]];
    const alternative = (['two.sided', 'less', 'greater'] as const)[t % 3];
    const or = [1, 1, 0.5, 3][Math.floor(uniform() * 4)];
    const confLevel = [0.95, 0.9, 0.99][Math.floor(uniform() * 3)];
    const got = fisherTest2x2(table, { alternative, or, confLevel });
    const want = fisherTest2x2Full(table, { alternative, or, confLevel });
    const label = `${JSON.stringify(table)} ${alternative} or=${or} conf=${confLevel}`;
    const pairs: [string, number, number][] = [
      ['p', got.p, want.p],
      ['estimate', got.estimate as number, want.estimate as number],
      ['ci lower', got.ci![0], want.ci![0]],
      ['ci upper', got.ci![1], want.ci![1]],
    ];
    for (const [what, g, w] of pairs) {
      const r = rel(g, w);
      assert.ok(r <= 1e-12, `${label} ${what}: actual ${g}, expected ${w}, relative difference ${r}`);
      worst = Math.max(worst, r);
    }
    cases++;
  }
  assert.equal(cases, 60);
  assert.ok(worst <= 1e-12);
});
