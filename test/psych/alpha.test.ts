/**
 * psych::alpha and scoreItems' alpha against R (psych 2.2.9, fixtures from test/fixtures/r/psych-reliability.R).
 * Tolerances: every statistic 1e-9 absolute (relative 1e-9 for the mean of the offset data, ~1e6), Feldt CI
 * (through qf) 1e-9, counts exact.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { expectClose, expectAllClose } from '../helpers/expect-close.ts';
import { reliability } from '../../src/psych/alpha.ts';
import { DATASETS, keysFrom, loadJson, tableFrom } from './fixture.ts';

const TOL = { abs: 1e-9, rel: 1e-12 };

for (const ds of DATASETS) {
  const fx = loadJson(`psych-reliability-${ds}.json`);
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  for (const missing of ['pairwise', 'listwise'] as const) {
    test(`alpha ${ds} ${missing} matches psych::alpha`, () => {
      const v = reliability(table, keys, { missing });
      for (const r of v.scales) {
        const e = fx[`alpha_${missing}`][r.name];
        const L = `${ds}/${missing}/${r.name}`;
        assert.equal(r.n_items, e.n_items);
        assert.equal(r.n_complete, e.n_complete, `${L} n_complete`);
        for (const f of ['raw_alpha', 'std_alpha', 'g6', 'average_r', 'median_r', 'signal_noise', 'ase', 'mean', 'sd'] as const) {
          expectClose(r[f], e[f], TOL, `${L} ${f}`);
        }
        expectAllClose(r.alpha_ci_feldt, e.feldt, TOL, `${L} feldt`);
        expectAllClose(r.alpha_ci_duhachek, [e.raw_alpha - 1.96 * e.ase, e.raw_alpha + 1.96 * e.ase], TOL, `${L} duhachek`);
        const it = e.item;
        expectAllClose(r.item_stats.map((s) => s.n), it.n, { abs: 0 }, `${L} item n`);
        for (const f of ['raw_r', 'std_r', 'r_cor', 'r_drop', 'mean', 'sd', 'alpha_if_dropped'] as const) {
          expectAllClose(r.item_stats.map((s) => s[f]), it[f], TOL, `${L} item ${f}`);
        }
        if (missing === 'pairwise') {
          // scoreItems(impute = "median") alpha, all scales in one call
          const si = fx.scoreitems.find((x: any) => x.impute === 'median' && !x.totals && x.min === null);
          expectClose(r.scoreitems_alpha, si.alpha[r.name], TOL, `${L} scoreitems_alpha (median)`);
        } else {
          expectClose(r.scoreitems_alpha, fx.scoreitems_alpha_listwise[r.name], TOL, `${L} scoreitems_alpha (listwise)`);
        }
      }
    });
  }
  for (const impute of ['none', 'median', 'mean'] as const) {
    test(`scoreItems alpha ${ds} impute=${impute} matches psych::scoreItems`, () => {
      const v = reliability(table, keys, { impute });
      const si = fx.scoreitems.find((x: any) => x.impute === impute && !x.totals && x.min === null);
      for (const r of v.scales) expectClose(r.scoreitems_alpha, si.alpha[r.name], TOL, `${ds} ${r.name} scoreitems_alpha ${impute}`);
    });
  }
}
