import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairwiseTTests } from '../../src/inference/pairwise-t-tests.ts';
import type { PAdjustMethod } from '../../src/inference/p-adjust.ts';
import { close, labels, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-groups');

test('pairwiseTTests matches R pairwise.t.test (pooled SD; holm, bonferroni, BH, none) to 1e-8', () => {
  for (const [k, c] of fx.groups.entries()) {
    for (const pw of c.pairwise) {
      const r = pairwiseTTests(vec(c.y), labels(c.g), { pAdjustMethod: pw.method as PAdjustMethod });
      for (const cmp of r.comparisons) {
        const i = pw.rows.indexOf(cmp.group1);
        const j = pw.cols.indexOf(cmp.group2);
        assert.ok(i >= 0 && j >= 0);
        close(cmp.p, pw.p[i][j], `case ${k} ${pw.method} ${cmp.group1}-${cmp.group2}`);
      }
      assert.equal(r.comparisons.length, (r.levels.length * (r.levels.length - 1)) / 2);
    }
    const less = pairwiseTTests(vec(c.y), labels(c.g), { alternative: 'less' });
    const rows = c.pairwise[0].rows;
    const cols = c.pairwise[0].cols;
    for (const cmp of less.comparisons) close(cmp.p, c.pairwiseLess[rows.indexOf(cmp.group1)][cols.indexOf(cmp.group2)], `case ${k} less`);
  }
});
