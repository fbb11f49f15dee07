/**
 * Polychoric and tetrachoric correlations, cor.smooth, KMO and Bartlett against psych
 * (test/fixtures/r/factor-correlations.R). Tolerances: closed forms (Pearson-based KMO, Bartlett) 1e-9;
 * polychoric/tetrachoric 1e-8: the port follows R's Brent iterates, so the only differences are rounding in
 * the bivariate-normal probabilities (R's optimize itself stops about 1e-4 from the exact maximum).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadJson } from '../fixture.ts';
import { closeAll, fromR, loadItems, pearson } from './load.ts';
import { polychoric } from '../../../src/psych/factor/polychoric.ts';
import { tetrachoric } from '../../../src/psych/factor/tetrachoric.ts';
import { corSmooth } from '../../../src/psych/factor/cor-smooth.ts';
import { kmo } from '../../../src/psych/factor/kmo.ts';
import { bartlettSphericity } from '../../../src/psych/factor/bartlett.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const fx = loadJson('factor-correlations.json');
const CLOSED = 1e-9;
const ITER = 1e-8;

function adequacy(r: Float64Array, p: number, n: number, ref: any, label: string, rel = 1e-12, kmoTol = CLOSED): void {
  const k = kmo(r, p);
  expectClose(k.overall, ref.kmo, { abs: kmoTol }, `${label} KMO`);
  closeAll(k.items, ref.kmo_items, kmoTol, `${label} MSAi`);
  const b = bartlettSphericity(r, p, n);
  expectClose(b.chisq, ref.bartlett.chisq, { abs: CLOSED, rel }, `${label} Bartlett chisq`);
  assert.equal(b.df, ref.bartlett.df);
  expectClose(b.p, ref.bartlett.p, { abs: CLOSED }, `${label} Bartlett p`);
}

for (const [name, file, rows, cols] of [
  ['bfi', 'bfi.csv'],
  ['ghq12', 'ghq12.csv'],
  ['hse35', 'hse35.csv'],
  ['hse_small', 'hse35.csv', 40, 20],
] as [string, string, number?, number?][]) {
  const ref = fx[name];
  test(`${name}: Pearson KMO and Bartlett as psych`, () => {
    const { columns } = loadItems(file, rows, cols);
    const p = columns.length;
    const r = pearson(columns);
    closeAll(r, fromR(ref.pearson, p), 1e-12, `${name} cor`);
    adequacy(r, p, ref.n, ref.pearson_adequacy, name);
  });
  test(`${name}: polychoric rho and tau as psych`, () => {
    const { names, columns } = loadItems(file, rows, cols);
    const p = columns.length;
    const res = polychoric(columns, { names });
    const worst = closeAll(res.rho, fromR(ref.poly.rho, p), ITER, `${name} rho`);
    // an empty end category gives an infinite threshold, which jsonlite writes as null
    res.tau.forEach((t, i) =>
      closeAll(t.map((v) => (Number.isFinite(v) ? v : NaN)), ref.poly.tau[i], 1e-12, `${name} tau ${names[i]}`),
    );
    assert.equal(res.smoothed, ([] as string[]).concat(ref.poly.warnings).some((w) => /smoothing/.test(w)));
    console.log(`${name} polychoric: max |rho - psych| = ${worst.toExponential(2)}`);
    // KMO and Bartlett are closed forms of the matrix: on psych's own rho they match to 1e-9, except for the
    // smoothed hse_small matrix (condition number 1e10: any two inverses differ by cond·eps ≈ 1e-6; its KMO is
    // meaningless anyway; relative 1e-6 on its Bartlett chisq). On our rho the determinant amplifies the 1e-11 differences: relative 1e-8 on chisq.
    const kmoTol = res.smoothed ? 1e-6 : CLOSED;
    adequacy(fromR(ref.poly.rho, p), p, ref.n, ref.poly_adequacy, `${name} poly (psych's rho)`, res.smoothed ? 1e-6 : 1e-12, kmoTol);
    adequacy(res.rho, p, ref.n, ref.poly_adequacy, `${name} poly`, res.smoothed ? 1e-6 : 1e-8, kmoTol);
  });
}

test('unequal categories: psych sets global = FALSE and corrects zero cells', () => {
  const { names, columns } = loadItems('ghq12.csv');
  const c12 = columns[11].map((v) => (v === 3 ? 2 : v));
  columns[11] = c12;
  const res = polychoric(columns, { names });
  assert.equal(res.global, false);
  assert.ok(res.warnings.some((w) => w.code === 'unequal_categories'));
  closeAll(res.rho, fromR(fx.ghq12_capped.poly.rho, 12), ITER, 'capped rho');
});

test('cor.smooth as psych on a non-positive-definite polychoric matrix', () => {
  const input = fromR(fx.smooth.input, 20);
  const out = corSmooth(input, 20);
  assert.equal(out.smoothed, true);
  closeAll(out.r, fromR(fx.smooth.output, 20), 1e-10, 'smoothed');
});

test('tetrachoric as psych (GHQ scoring 0-0-1-1)', () => {
  const { names, columns } = loadItems('ghq12.csv');
  const bin = columns.map((c) => c.map((v) => (Number.isNaN(v) ? NaN : v >= 2 ? 1 : 0)));
  const res = tetrachoric(bin, { names });
  closeAll(res.tau, fx.tetrachoric.ghq12_binary.tau, 1e-12, 'tetra tau');
  const worst = closeAll(res.rho, fromR(fx.tetrachoric.ghq12_binary.rho, 12), ITER, 'tetra rho');
  console.log(`tetrachoric: max |rho - psych| = ${worst.toExponential(2)}`);
});

test('an item with no variance is dropped with a structured warning, not a crash', () => {
  const { names, columns } = loadItems('ghq12.csv', 100, 4);
  columns[2] = new Float64Array(100).fill(1);
  const res = polychoric(columns, { names });
  assert.deepEqual(res.kept, [0, 1, 3]);
  assert.deepEqual(res.warnings.find((w) => w.code === 'item_no_variance')?.items, ['ghq_3']);
  const k = kmo(new Float64Array([1, 1, 1, 1]), 2);
  assert.equal(k.warnings[0].code, 'not_invertible');
});
