import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kruskalWallis } from '../../src/inference/kruskal-wallis.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('kruskalWallis matches R kruskal.test (tie-corrected statistic, df, p) to 1e-8', () => {
  for (const [k, c] of fx.groups.entries()) {
    const r = kruskalWallis(vec(c.y), labels(c.g));
    assert.equal(r.method, c.kruskal.method);
    close(r.statistic, c.kruskal.statistic, `kruskal ${k} statistic`);
    assert.equal(r.df, c.kruskal.df);
    close(r.p, c.kruskal.p, `kruskal ${k} p`);
  }
});

test('kruskalWallis with all values tied gives NaN, as R', () => {
  const t = fx.tied;
  const r = kruskalWallis(vec(t.y), labels(t.g));
  close(r.statistic, t.kruskal.statistic, 'tied statistic');
  close(r.p, t.kruskal.p, 'tied p');
  assert.equal(r.df, t.kruskal.df);
});

test('kruskalWallis counts only levels with observations (R fixture with an unused level)', () => {
  const e = fx.emptyLevel;
  const r = kruskalWallis(vec(e.y), labels(e.g), { levels: e.levels });
  close(r.statistic, e.kruskal.statistic, 'empty level statistic');
  assert.equal(r.df, e.kruskal.df);
  close(r.p, e.kruskal.p, 'empty level p');
});
