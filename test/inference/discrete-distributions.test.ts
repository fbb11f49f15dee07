import { test } from 'node:test';
import { dbinom, dhyper, pbinom } from '../../src/stats/distributions.ts';
import { ptukey, qtukey } from '../../src/stats/studentized-range.ts';

import { close, loadFixture } from './load-fixture.ts';

// Tests of the functions src/inference added to src/stats/distributions.ts, and of qtukey.
const fx = loadFixture('inference-distributions');

test('dbinom and pbinom (both tails) match R to 1e-12 relative', () => {
  const b = fx.binom;
  for (let i = 0; i < b.x.length; i++) {
    const label = `binom(${b.x[i]}, ${b.n[i]}, ${b.p[i]})`;
    const tol = { rel: 1e-12, abs: 1e-300 };
    close(dbinom(b.x[i], b.n[i], b.p[i]), b.d[i], `${label} d`, tol);
    close(dbinom(b.x[i], b.n[i], b.p[i], true), b.logd[i], `${label} log d`, tol);
    close(pbinom(b.x[i], b.n[i], b.p[i]), b.lower[i], `${label} lower`, tol);
    close(pbinom(b.x[i], b.n[i], b.p[i], false), b.upper[i], `${label} upper`, tol);
  }
});

test('dhyper matches R to 1e-12 relative', () => {
  const h = fx.hyper;
  for (let i = 0; i < h.x.length; i++) {
    const label = `dhyper(${h.x[i]}, ${h.m[i]}, ${h.n[i]}, ${h.k[i]})`;
    close(dhyper(h.x[i], h.m[i], h.n[i], h.k[i]), h.d[i], `${label}`, { rel: 1e-12, abs: 1e-300 });
    close(dhyper(h.x[i], h.m[i], h.n[i], h.k[i], true), h.logd[i], `${label} log`, { rel: 1e-12, abs: 1e-300 });
  }
});

test('qtukey and the upper tail of ptukey match R qtukey / ptukey to 1e-11', () => {
  const t = fx.tukey;
  for (let i = 0; i < t.p.length; i++) {
    const label = `tukey(${t.p[i]}, ${t.nmeans[i]}, ${t.df[i]})`;
    close(qtukey(t.p[i], t.nmeans[i], t.df[i]), t.q[i], `${label} q`, { rel: 1e-11 });
    close(ptukey(t.q[i] * 0.8, t.nmeans[i], t.df[i], false), t.ptail[i], `${label} upper tail`, { rel: 1e-11 });
  }
});
