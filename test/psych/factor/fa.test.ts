/**
 * psych::fa against R (test/fixtures/r/factor-fa.R): every extraction × rotation on bfi with 5 factors, 1-7
 * factors, the GHQ-12- and HSE-shaped surveys, Pearson and polychoric.
 *
 * Tolerances: eigenvalues of r 1e-9 (closed form). pa is deterministic (psych's own iteration, ported): 1e-8.
 * minres/uls/ml: R's L-BFGS-B stops at factr 1e7 while ours runs to a projected gradient of 1e-11, so the
 * solutions differ by R's stopping error: loadings, communalities and fit statistics within 1e-4 (relative for
 * chi-square-sized numbers), and our criterion is never worse than R's (checked at R's own uniquenesses).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadJson } from '../fixture.ts';
import { closeAll, fromR, fromRColumns, loadItems, pearson } from './load.ts';
import { fa, type FactorRotation } from '../../../src/psych/factor/fa.ts';
import { mlCriterion, ulsCriterion, type FactorMethod } from '../../../src/psych/factor/fa-extract.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const fx = loadJson('factor-fa.json');
const FILES: Record<string, string> = { bfi: 'bfi.csv', ghq12: 'ghq12.csv', hse35: 'hse35.csv' };
const cache = new Map<string, { r: Float64Array; np: Float64Array; p: number; n: number }>();

function dataset(set: string, cor: string): { r: Float64Array; np: Float64Array | null; p: number; n: number } {
  const key = set;
  if (!cache.has(key)) {
    const { columns } = loadItems(FILES[set]);
    const p = columns.length;
    const np = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let c = 0;
      for (let r = 0; r < columns[i].length; r++) if (columns[i][r] === columns[i][r] && columns[j][r] === columns[j][r]) c++;
      np[i * p + j] = c;
    }
    cache.set(key, { r: pearson(columns), np, p, n: columns[0].length });
  }
  const d = cache.get(key)!;
  if (cor === 'poly') return { r: fromR(fx.poly[set], d.p), np: null, p: d.p, n: d.n };
  return d;
}

const worst: Record<string, number> = {};
const note = (q: string, d: number): void => {
  worst[q] = Math.max(worst[q] ?? 0, d);
};

for (const ref of fx.fits) {
  const label = `${ref.set} ${ref.cor} nf=${ref.nfactors} ${ref.fm} ${ref.rotate}`;
  test(`fa: ${label}`, () => {
    const { r, np, p, n } = dataset(ref.set, ref.cor);
    const nf = ref.nfactors;
    const res = fa(r, p, { nfactors: nf, fm: ref.fm as FactorMethod, rotate: ref.rotate as FactorRotation, nObs: n, npObs: np });
    const exact = ref.fm === 'pa';
    const tol = exact ? 1e-8 : 1e-4;
    note('e.values', closeAll(res.eValues, ref.e_values, 1e-9, `${label} e.values`));
    note(`loadings ${exact ? 'pa' : 'fitted'}`, closeAll(res.loadings, fromRColumns(ref.loadings, p, nf), tol, `${label} loadings`));
    note(`communality ${exact ? 'pa' : 'fitted'}`, closeAll(res.communality, ref.communality, tol, `${label} h2`));
    closeAll(res.uniquenesses, ref.uniquenesses, tol, `${label} u2`);
    if (ref.phi) note(`phi ${exact ? 'pa' : 'fitted'}`, closeAll(res.phi!, fromR(ref.phi, nf), tol, `${label} phi`));
    else assert.equal(res.phi, null);
    const rel = exact ? 1e-7 : 1e-4;
    expectClose(res.stats.objective, ref.objective, { abs: tol, rel }, `${label} objective`);
    expectClose(res.stats.statistic, ref.statistic, { abs: tol, rel }, `${label} STATISTIC`);
    expectClose(res.stats.chi, ref.chi, { abs: tol, rel }, `${label} chi`);
    assert.equal(res.stats.dof, ref.dof);
    expectClose(res.stats.rms, ref.rms, { abs: tol }, `${label} rms`);
    expectClose(res.stats.crms, ref.crms, { abs: tol }, `${label} crms`);
    expectClose(res.stats.tli, ref.tli, { abs: tol }, `${label} TLI`);
    expectClose(res.stats.bic, ref.bic, { abs: tol, rel }, `${label} BIC`);
    closeAll(res.stats.rmsea, ref.rmsea, tol, `${label} RMSEA`);
    note('rmsea', Math.max(...res.stats.rmsea.map((v, i) => Math.abs(v - ref.rmsea[i]))));
    expectClose(res.stats.fit, ref.fit, { abs: tol }, `${label} fit`);
    expectClose(res.stats.fitOff, ref.fit_off, { abs: tol }, `${label} fit.off`);
    closeAll(res.stats.r2, ([] as number[]).concat(ref.r2), tol, `${label} R2`);
    if (!exact) {
      // our optimum is at least as good as R's: the criterion at R's uniquenesses (1 − communalities)
      const psiR = ([] as number[]).concat(ref.communalities).map((h: number) => 1 - h);
      const atR = (ref.fm === 'ml' ? mlCriterion : ulsCriterion)(r, p, nf, psiR);
      assert.ok(res.criterion <= atR + 1e-15, `${label}: criterion ${res.criterion} worse than R's ${atR}`);
      // psych's `communalities` is 1 − the optimiser's raw iterate, where R's L-BFGS-B stopped: its stopping
      // error shows most here (up to 1.3e-4 on hse35 with 7 factors), while our criterion above is lower
      note('communalities (1 - R optimiser iterate)', closeAll(res.communalities, ([] as number[]).concat(ref.communalities), 5e-4, `${label} communalities`));
    }
  });
}

test('parity summary', () => {
  console.log('largest |ours - psych|:', JSON.stringify(worst));
});
