import { test } from 'node:test';
import assert from 'node:assert/strict';
import { welchAnova } from '../../src/inference/welch-anova.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('welchAnova matches R oneway.test(var.equal = FALSE) (F, both df, p) to 1e-8', () => {
  for (const [k, c] of fx.groups.entries()) {
    const r = welchAnova(vec(c.y), labels(c.g));
    assert.equal(r.method, c.welch.method);
    close(r.statistic, c.welch.statistic, `welch ${k} F`);
    close(r.df[0], c.welch.df[0], `welch ${k} df1`);
    close(r.df[1], c.welch.df[1], `welch ${k} df2`);
    close(r.p, c.welch.p, `welch ${k} p`);
  }
});

test('welchAnova gives NaN when a group has a single value (R stops there)', () => {
  assert.ok(Number.isNaN(welchAnova([1, 2, 3, 4, 5], ['a', 'a', 'b', 'b', 'c']).p));
});
