import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chisqTest } from '../../src/inference/chisq-test.ts';
import { crossTabulate } from '../../src/inference/contingency-table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { close, loadFixture } from './load-fixture.ts';

const fx = loadFixture('inference-proportions');

test('chisqTest matches R chisq.test (statistic, df, p, expected, residuals) and Cramér\'s V to 1e-8', () => {
  for (const [k, c] of fx.chisq.entries()) {
    const label = `chisq case ${k}`;
    const r = chisqTest(c.table, { correct: c.correct });
    assert.equal(r.method, c.r.method, label);
    close(r.statistic, c.r.statistic, `${label} X-squared`);
    close(r.df as number, c.r.df, `${label} df`);
    close(r.p, c.r.p, `${label} p`);
    close(r.cramersV, c.cramersV, `${label} V`);
    r.expected.forEach((row, i) => row.forEach((e, j) => close(e, c.expected[i][j], `${label} E[${i}][${j}]`)));
    r.residuals.forEach((row, i) => row.forEach((e, j) => close(e, c.residuals[i][j], `${label} res[${i}][${j}]`)));
  }
});

test('crossTabulate counts label pairs, dropping missing labels', () => {
  const t = crossTabulate(['b', 'a', 'a', null, 'b'], ['x', 'y', 'x', 'x', '']);
  assert.deepEqual(t, { rows: ['a', 'b'], cols: ['x', 'y'], table: [[1, 1], [1, 0]] });
});

test('chisqTest rejects a ragged table and negative counts', () => {
  assert.throws(() => chisqTest([[1, 2], [3]]), StaffwellError);
  assert.throws(() => chisqTest([[1, -2], [3, 4]]), StaffwellError);
});
