import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlationMatrix } from '../../src/inference/correlation-matrix.ts';
import { close, loadFixture, vec } from './load-fixture.ts';

const fx = loadFixture('inference-associations');

test('correlationMatrix (pairwise deletion) matches cor.test for every pair, Pearson and Spearman, to 1e-8', () => {
  for (const m of fx.corMatrix) {
    const cols = m.names.map((nm: string) => vec(fx.data[nm]));
    const r = correlationMatrix(cols, m.names, { method: m.method });
    const k = m.names.length;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i === j) {
          assert.equal(r.r[i][i], 1);
          continue;
        }
        const label = `${m.method} ${m.names[i]}~${m.names[j]}`;
        close(r.r[i][j], m.r[i][j], `${label} r`);
        close(r.p[i][j], m.p[i][j], `${label} p`);
        close(r.statistic[i][j], m.statistic[i][j], `${label} statistic`);
        assert.equal(r.n[i][j], m.n[i][j], `${label} n`);
        if (m.method === 'pearson') {
          close(r.ciLower![i][j], m.lower[i][j], `${label} lower`);
          close(r.ciUpper![i][j], m.upper[i][j], `${label} upper`);
        }
      }
    }
  }
});
