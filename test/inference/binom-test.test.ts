import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbinom, pbinom } from '../../src/stats/distributions.ts';
import { binomTest } from '../../src/inference/binom-test.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, closeCi, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('binomTest matches R binom.test (p, estimate, Clopper–Pearson CI) to 1e-8', () => {
  for (const c of fx.binom) {
    const label = `binom(${c.x}, ${c.n}, p=${c.p}, ${c.alternative}, ${c.confLevel})`;
    const r = binomTest(c.x, c.n, { p: c.p, alternative: c.alternative, confLevel: c.confLevel });
    assert.equal(r.method, c.r.method);
    close(r.statistic, c.r.statistic, `${label} x`);
    close(r.p, c.r.p, `${label} p`);
    close(r.estimate as number, c.r.estimate['probability of success'], `${label} estimate`);
    closeCi(r.ci, c.r.ci, `${label} ci`);
  }
});

test('binomTest rejects an unknown alternative and impossible counts', () => {
  assert.throws(() => binomTest(3, 10, { alternative: 'both' as never }), StaffwellError);
  assert.throws(() => binomTest(11, 10), StaffwellError);
  assert.throws(() => binomTest(3, 10, { p: 1.2 }), StaffwellError);
});

/** R's two-sided p as R computes it, every density on the other side evaluated (the oracle of the binary search). */
function twoSidedByEveryDensity(x: number, n: number, p: number): number {
  const relErr = 1 + 1e-7;
  const d = dbinom(x, n, p);
  const m = n * p;
  if (x === m) return 1;
  let y = 0;
  if (x < m) {
    for (let i = Math.ceil(m); i <= n; i++) if (dbinom(i, n, p) <= d * relErr) y++;
    return Math.min(1, pbinom(x, n, p) + pbinom(n - y, n, p, false));
  }
  for (let i = 0; i <= Math.floor(m); i++) if (dbinom(i, n, p) <= d * relErr) y++;
  return Math.min(1, pbinom(y - 1, n, p) + pbinom(x - 1, n, p, false));
}

test('binomTest two-sided: the binary search counts the outcomes R counts (p to the bit)', () => {
  let seed = 11;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const cases: [number, number, number][] = [
    [0, 10, 0.3], [10, 10, 0.3], [3, 10, 0.3], [4, 10, 0.3], [1, 1, 0.5], [0, 1, 0.5], [50, 100, 0.5], [49, 100, 0.5],
    [360831, 1000000, 0.268], [268000, 1000000, 0.268], [267999, 1000000, 0.268], [5, 1000000, 0.000001], [0, 200000, 0.99],
  ];
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(rnd() * [20, 500, 20000][t % 3]);
    const p = [rnd(), rnd() * 0.02, 1 - rnd() * 0.02, 0.5][t % 4];
    const sd = Math.sqrt(n * p * (1 - p)) + 1;
    const x = Math.max(0, Math.min(n, Math.round(n * p + (rnd() - 0.5) * 8 * sd)));
    cases.push([x, n, p]);
  }
  for (const [x, n, p] of cases) {
    const got = binomTest(x, n, { p }).p;
    const want = twoSidedByEveryDensity(x, n, p);
    assert.equal(got, want, `binomTest(${x}, ${n}, p = ${p}): actual ${got}, expected ${want}, difference ${got - want}`);
  }
});
