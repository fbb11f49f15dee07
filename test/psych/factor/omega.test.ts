/**
 * psych::omega against R (test/fixtures/r/factor-omega.R). Omega rests on a minres (or ml) fit, which R stops
 * early (see fa.test.ts), then on GPArotation's oblimin: omegas and Schmid-Leiman loadings within 1e-4; with
 * pa (deterministic throughout) 1e-8.
 */
import { test } from 'node:test';
import { loadJson } from '../fixture.ts';
import { closeAll, fromR, loadItems, pearson } from './load.ts';
import { omega } from '../../../src/psych/factor/omega.ts';
import { polychoric } from '../../../src/psych/factor/polychoric.ts';
import type { FactorMethod } from '../../../src/psych/factor/fa-extract.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const fx = loadJson('factor-omega.json');
const FILES: Record<string, string> = { bfi: 'bfi.csv', ghq12: 'ghq12.csv', hse35: 'hse35.csv' };
const worst: Record<string, number> = {};

for (const ref of fx.omega) {
  const label = `omega ${ref.set} nf=${ref.nfactors} ${ref.fm}${ref.poly ? ' poly' : ''}`;
  test(label, () => {
    const { columns } = loadItems(FILES[ref.set]);
    const p = columns.length;
    const r = ref.poly ? polychoric(columns).rho : pearson(columns);
    const res = omega(r, p, { nfactors: ref.nfactors, fm: ref.fm as FactorMethod });
    const tol = ref.fm === 'pa' ? 1e-8 : 1e-4;
    const q = ref.fm === 'pa' ? 'pa' : 'fitted';
    for (const [k, v] of [['omega_h', res.omegaH], ['omega_total', res.omegaTotal], ['omega_lim', res.omegaLim], ['ecv', res.ecv]] as [string, number][]) {
      expectClose(v, ref[k], { abs: tol }, `${label} ${k}`);
      worst[`${k} ${q}`] = Math.max(worst[`${k} ${q}`] ?? 0, Math.abs(v - ref[k]));
    }
    expectClose(res.alpha, ref.alpha, { abs: 1e-12 }, `${label} alpha`);
    expectClose(res.g6, ref.g6, { abs: 1e-10 }, `${label} G6`);
    const k = ref.nfactors + 1;
    const sl = new Float64Array(p * k);
    for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) sl[i * k + c] = ref.sl[c * p + i];
    worst[`sl ${q}`] = Math.max(worst[`sl ${q}`] ?? 0, closeAll(res.sl, sl, tol, `${label} sl`));
    closeAll(res.gloading, ([] as number[]).concat(ref.gloading), tol, `${label} gloading`);
    if (res.phi) closeAll(res.phi, fromR(ref.phi, ref.nfactors), tol, `${label} phi`);
    closeAll(Array.from(res.key), ref.key, 0, `${label} key`);
    closeAll(res.groups.map((g) => g.total), ref.group_total, tol, `${label} group total`);
    closeAll(res.groups.map((g) => g.general), ref.group_general, tol, `${label} group general`);
    closeAll(res.groups.map((g) => g.group), ref.group_group, tol, `${label} group group`);
  });
}

test('omega parity summary', () => console.log('largest |ours - psych|:', JSON.stringify(worst)));
