/**
 * Parallel analysis and Velicer's MAP against psych (test/fixtures/r/factor-omega.R). The observed component and
 * factor eigenvalues and MAP are deterministic (1e-9 / 1e-4 for the minres factor values, see fa.test.ts). The
 * simulated and resampled eigenvalues use a seeded generator, not R's stream: their means are compared within
 * their sampling error (0.1 over 20 iterations), and the decision (number of factors and components) must equal psych's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadJson } from '../fixture.ts';
import { closeAll, loadItems, pearson } from './load.ts';
import { parallelAnalysis } from '../../../src/psych/factor/parallel-analysis.ts';
import { velicerMap } from '../../../src/psych/factor/velicer-map.ts';

const fx = loadJson('factor-omega.json');
const FILES: Record<string, string> = { bfi: 'bfi.csv', ghq12: 'ghq12.csv', hse35: 'hse35.csv' };

for (const ref of fx.parallel) {
  test(`fa.parallel ${ref.set}: observed values, decision, simulated means`, () => {
    const { columns } = loadItems(FILES[ref.set]);
    const res = parallelAnalysis(columns, { seed: 42, iterations: 20 });
    closeAll(res.pcValues, ref.pc_values, 1e-9, 'pc.values');
    closeAll(res.faValues, ref.fa_values, 1e-4, 'fa.values');
    assert.equal(res.nfact, ref.nfact, `nfact ${res.nfact} vs psych ${ref.nfact}`);
    assert.equal(res.ncomp, ref.ncomp, `ncomp ${res.ncomp} vs psych ${ref.ncomp}`);
    closeAll(res.pcSim, ref.pc_sim, 0.1, 'pc.sim');
    closeAll(res.faSim, ref.fa_sim, 0.1, 'fa.sim');
    closeAll(res.pcSimr, ref.pc_simr, 0.1, 'pc.simr');
    closeAll(res.faSimr, ref.fa_simr, 0.1, 'fa.simr');
    const again = parallelAnalysis(columns, { seed: 42, iterations: 20 });
    assert.deepEqual(Array.from(again.faSimr), Array.from(res.faSimr), 'same seed, same result');
  });
}

for (const ref of fx.map) {
  test(`Velicer MAP ${ref.set} as psych::VSS`, () => {
    const { columns } = loadItems(FILES[ref.set]);
    const p = columns.length;
    const res = velicerMap(pearson(columns), p, ref.map.length);
    closeAll(res.map, ref.map, 1e-12, 'map');
  });
}
