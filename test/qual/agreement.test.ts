import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectClose } from '../helpers/expect-close.ts';
import {
  agreeCodedOnlyPercent,
  codingComparison,
  cohenKappa,
  jaccard,
  krippendorffAlphaNominal,
  percentAgreement,
  unitAlpha,
  unitAlphaMultiValued,
  unitizedAlpha,
  type CodedSpan,
} from '../../src/qual/agreement.ts';

// Hand-computed values; tolerance 1e-12 (exact rational arithmetic in doubles) unless stated.
const TOL = { abs: 1e-12 };
const span = (coder: string, code: string, documentId: string, start: number, end: number): CodedSpan => ({
  coder,
  code,
  documentId,
  start,
  end,
});

test('NVivo help example: 50 both, 150 one only, 800 neither of 1000 -> 85 % agreement', () => {
  // (800 + 50) / 1000 = 85 % (NVivo help, "How is the percentage agreement calculated?").
  const cells = { both: 50, onlyA: 100, onlyB: 50, neither: 800, total: 1000 };
  expectClose(percentAgreement(cells), 85, TOL, 'percent');
  // A = 150, B = 100: EF1 = 150*100/1000 = 15; EF2 = 850*900/1000 = 765; ΣEF = 780;
  // κ = (850 − 780)/(1000 − 780) = 70/220 = 0.318181…
  expectClose(cohenKappa(cells), 70 / 220, TOL, 'kappa');
  // Jaccard: 50/(50+100+50) = 0.25
  expectClose(jaccard(cells), 0.25, TOL, 'jaccard');
  expectClose(agreeCodedOnlyPercent(cells), 25, TOL, 'agree coded only');
});

test('character-level comparison, one document (notes §4.2 example)', () => {
  // 1000 characters; A codes [0,100), B codes [50,150): both 50, A only 50, B only 50, neither 850.
  // Po = 900/1000; EF1 = 100*100/1000 = 10; EF2 = 900*900/1000 = 810; ΣEF = 820;
  // κ = (900 − 820)/(1000 − 820) = 80/180 = 0.4444…; agree coded only = 50/150 = 33.33 %.
  const r = codingComparison([{ id: 'd1', length: 1000 }], [span('A', 'c', 'd1', 0, 100), span('B', 'c', 'd1', 50, 150)], {
    coderA: 'A',
    coderB: 'B',
  });
  assert.equal(r.unit, 'character');
  assert.equal(r.method, 'cohen-kappa-nvivo');
  assert.equal(r.rows.length, 1);
  assert.deepEqual(r.rows[0].cells, { both: 50, onlyA: 50, onlyB: 50, neither: 850, total: 1000 });
  expectClose(r.rows[0].percentAgreement, 90, TOL, 'percent');
  expectClose(r.rows[0].kappa, 80 / 180, TOL, 'kappa');
  expectClose(r.rows[0].agreeCodedOnlyPercent, 100 / 3, TOL, 'agree coded only');
});

test('pooled per code: summed cells, length-weighted and plain mean kappa', () => {
  // d1 as above (κ = 4/9); d2: 500 chars, both code [0,250) -> both 250, neither 250, κ = 1.
  // Pooled cells: both 300, onlyA 50, onlyB 50, neither 1100, total 1500; A = B = 350; TA = 1400;
  // ΣEF = 350²/1500 + 1150²/1500 = (122500 + 1322500)/1500 = 963.333…; κ = (1400 − 963.33…)/(1500 − 963.33…) = 655/805.
  // Weighted mean = (1000·4/9 + 500·1)/1500; plain mean = (4/9 + 1)/2.
  const docs = [
    { id: 'd1', length: 1000 },
    { id: 'd2', length: 500 },
    { id: 'd3', length: 300 }, // nobody coded c here: out of scope by default
  ];
  const spans = [
    span('A', 'c', 'd1', 0, 100),
    span('B', 'c', 'd1', 50, 150),
    span('A', 'c', 'd2', 0, 200),
    span('A', 'c', 'd2', 100, 250), // overlaps the same coder's span: counted once
    span('B', 'c', 'd2', 0, 250),
  ];
  const r = codingComparison(docs, spans, { coderA: 'A', coderB: 'B' });
  const p = r.byCode[0];
  assert.equal(p.documents, 2);
  assert.deepEqual(p.cells, { both: 300, onlyA: 50, onlyB: 50, neither: 1100, total: 1500 });
  expectClose(p.kappa, (1400 - 1445000 / 1500) / (1500 - 1445000 / 1500), TOL, 'pooled kappa');
  expectClose(p.kappaWeightedMean, (1000 * (4 / 9) + 500) / 1500, TOL, 'weighted mean kappa');
  expectClose(p.kappaMean, (4 / 9 + 1) / 2, TOL, 'mean kappa');
  expectClose(p.percentAgreement, (100 * 1400) / 1500, TOL, 'pooled percent');
  // scope 'all' adds d3 (300 neither); its κ is NaN (TU = ΣEF) and stays out of the means.
  const all = codingComparison(docs, spans, { coderA: 'A', coderB: 'B', scope: 'all' });
  assert.equal(all.byCode[0].documents, 3);
  assert.ok(Number.isNaN(all.rows[2].kappa));
  assert.equal(all.byCode[0].cells.neither, 1400);
  expectClose(all.byCode[0].kappaWeightedMean, p.kappaWeightedMean, TOL, 'weighted mean unchanged');
});

test('sentence units: a unit is coded when any character is coded; groups of coders', () => {
  // Units [0,100) [100,200) [200,1000). A [0,100) codes unit 1; B [50,150) codes units 1 and 2.
  // Cells: both 1, onlyB 1, neither 1 (total 3). A = 1, B = 2: EF1 = 2/3, EF2 = 2·1/3; ΣEF = 4/3;
  // κ = (2 − 4/3)/(3 − 4/3) = 0.4.
  const docs = [{ id: 'd1', length: 1000, units: [[0, 100], [100, 200], [200, 1000]] as [number, number][] }];
  const r = codingComparison(docs, [span('A1', 'c', 'd1', 0, 60), span('A2', 'c', 'd1', 40, 100), span('B', 'c', 'd1', 50, 150)], {
    coderA: ['A1', 'A2'],
    coderB: 'B',
    unit: 'units',
  });
  assert.equal(r.unit, 'sentence');
  assert.deepEqual(r.rows[0].cells, { both: 1, onlyA: 0, onlyB: 1, neither: 1, total: 3 });
  expectClose(r.rows[0].kappa, 0.4, TOL, 'kappa on sentences');
});

test('Krippendorff (2011) nominal example, 4 observers x 12 units with missing data: alpha = 0.743', () => {
  // Data: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C (nominal data, any number of
  // observers, missing data), repository.upenn.edu/asc_papers/43. The paper reports α = 0.743 (3 decimals), so the
  // tolerance is 5e-4 (unit 12 has a single value and is not pairable; n = 40 pairable values).
  const _ = null;
  const data = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // observer B
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // observer D
  ];
  const r = krippendorffAlphaNominal(data);
  expectClose(r.alpha, 0.743, { abs: 5e-4 }, 'alpha nominal');
  assert.equal(r.pairableUnits, 11); // unit 12 has one value only
  assert.equal(r.pairableValues, 40);
  assert.equal(r.method, 'krippendorff-alpha-nominal');
});

test('nominal alpha edge cases: one category or no pairable values -> NaN', () => {
  assert.ok(Number.isNaN(krippendorffAlphaNominal([[1, 1], [1, 1]]).alpha));
  assert.ok(Number.isNaN(krippendorffAlphaNominal([[1, null], [null, 2]]).alpha));
});

test('binary alpha per code on turns, with a coder missing from a document', () => {
  // Turns t1..t4 of d1. Code "x": A present in t1, t2; B present in t1 only.
  // Values A [1,1,0,0], B [1,0,0,0]. Coincidences: o11 = 2 (t1), o10 = o01 = 1 (t2), o00 = 4 (t3, t4).
  // n1 = 3, n0 = 5, n = 8; α = 1 − (n − 1)(o01 + o10)/(2·n0·n1) = 1 − 7·2/30 = 0.5333…
  // C did not code d1 (missing there) and coded only d2, which nobody else coded: no pairable values added.
  const turns: [number, number][] = [[0, 10], [10, 20], [20, 30], [30, 40]];
  const docs = [
    { id: 'd1', length: 40, units: turns },
    { id: 'd2', length: 40, units: turns },
  ];
  const spans = [
    span('A', 'x', 'd1', 2, 15),
    span('B', 'x', 'd1', 0, 10),
    span('C', 'x', 'd2', 0, 40),
  ];
  const r = unitAlpha(docs, spans, { unitName: 'turn' });
  assert.equal(r.unit, 'turn');
  assert.deepEqual(r.coders, ['A', 'B', 'C']);
  expectClose(r.byCode[0].alpha, 1 - 14 / 30, TOL, 'alpha x');
  assert.equal(r.byCode[0].pairableValues, 8);
  // min overlap 6 characters: A's span covers 8 of t1 and 5 of t2 -> A [1,0,0,0] = B -> total agreement but two
  // categories -> α = 1.
  expectClose(unitAlpha(docs, spans, { minOverlap: 6 }).byCode[0].alpha, 1, TOL, 'alpha with min overlap');
});

test('multi-valued alpha on turns (code combinations)', () => {
  // Units t1..t3. A: x, y, none; B: x, x, none. o_xx = 2, o_xy = o_yx = 1, o_nn = 2; n_x = 3, n_y = 1, n_none = 2,
  // n = 6; Σ_{c≠k} n_c n_k = 2(3·1 + 3·2 + 1·2) = 22; α = 1 − 5·2/22 = 0.5454…
  const units: [number, number][] = [[0, 10], [10, 20], [20, 30]];
  const spans = [span('A', 'x', 'd', 0, 10), span('A', 'y', 'd', 10, 20), span('B', 'x', 'd', 0, 20)];
  const r = unitAlphaMultiValued([{ id: 'd', length: 30, units }], spans, { unitName: 'sentence' });
  expectClose(r.alpha, 1 - 10 / 22, TOL, 'alpha');
  assert.equal(r.unit, 'sentence');
  assert.deepEqual([...r.categories].sort(), ['none', 'x', 'y']);
});

test('unitized alpha: the check values of the notes (§4.7)', () => {
  // L = 1000. Identical spans -> 1. A [0,100) vs B [50,150): D_o = 2·5000/(2·1000²) = 0.005;
  // D_e = (2/1000)·2·[(2−1)(2·100³ − 3·100² + 100)/3 + 100²·((900−99) + (850−99))] / (2000·1999 − 2·100·99)
  //     = 64706.8/3978200 = 0.016265…; uα = 1 − 0.005/0.016265… = 0.6926.
  // A [0,100) vs B [100,200): D_o = 0.02, D_e = 0.015773…, uα = −0.268.
  // The notes give 3 decimals: tolerance 5e-4.
  const docs = [{ id: 'd', length: 1000 }];
  const pair = (a: [number, number], b: [number, number]) => [span('A', 'c', 'd', ...a), span('B', 'c', 'd', ...b)];
  expectClose(unitizedAlpha(docs, pair([0, 100], [0, 100])).alpha, 1, TOL, 'identical');
  const r = unitizedAlpha(docs, pair([0, 100], [50, 150]));
  expectClose(r.byCode[0].observedDisagreement, 0.005, TOL, 'D_o');
  expectClose(r.byCode[0].expectedDisagreement, 64706.8 / 3978200, { abs: 1e-15 }, 'D_e');
  expectClose(r.alpha, 0.693, { abs: 5e-4 }, 'overlapping');
  expectClose(unitizedAlpha(docs, pair([0, 100], [100, 200])).alpha, -0.268, { abs: 5e-4 }, 'disjoint');
  assert.equal(r.unit, 'character');
  assert.equal(r.method, 'krippendorff-unitized-alpha');
});

test('unitized alpha leaves out documents not coded by every coder', () => {
  const docs = [
    { id: 'd', length: 1000 },
    { id: 'e', length: 1000 },
  ];
  const spans = [span('A', 'c', 'd', 0, 100), span('B', 'c', 'd', 50, 150), span('A', 'c', 'e', 0, 10)];
  const r = unitizedAlpha(docs, spans);
  assert.deepEqual(r.excludedDocuments, ['e']);
  expectClose(r.alpha, 0.6926, { abs: 1e-4 }, 'same as single document');
});

test('character-level cells and kappa match R (per-character brute force + psych::cohen.kappa)', async () => {
  // Fixture: test/fixtures/r/qual-agreement.R (seeded). Cells must match exactly; κ to 1e-12 (psych works on
  // proportions, we on counts; measured max difference ~1e-16).
  const { readFileSync } = await import('node:fs');
  const fx = JSON.parse(readFileSync(new URL('../fixtures/r/qual-agreement.json', import.meta.url), 'utf8'));
  const r = codingComparison(fx.documents, fx.spans, { coderA: 'A', coderB: 'B', codes: ['c', 'd'], scope: 'all' });
  assert.equal(r.rows.length, fx.rows.length);
  let maxDiff = 0;
  fx.rows.forEach((e: any, i: number) => {
    const a = r.rows[i];
    assert.equal(a.code, e.code);
    assert.equal(a.documentId, e.documentId);
    assert.deepEqual(a.cells, { both: e.both, onlyA: e.onlyA, onlyB: e.onlyB, neither: e.neither, total: e.total }, `${e.code} ${e.documentId}`);
    expectClose(a.percentAgreement, e.percentAgreement, { abs: 1e-12 }, `percent ${e.code} ${e.documentId}`);
    expectClose(a.kappa, e.kappa, { abs: 1e-12 }, `kappa ${e.code} ${e.documentId}`);
    if (e.kappa !== null) maxDiff = Math.max(maxDiff, Math.abs(a.kappa - e.kappa));
  });
  fx.pooled.forEach((e: any, i: number) => {
    const p = r.byCode[i];
    assert.deepEqual([p.cells.both, p.cells.onlyA, p.cells.onlyB, p.cells.neither], [e.both, e.onlyA, e.onlyB, e.neither]);
    expectClose(p.kappa, e.kappa, { abs: 1e-12 }, `pooled kappa ${e.code}`);
    expectClose(p.percentAgreement, e.percentAgreement, { abs: 1e-12 }, `pooled percent ${e.code}`);
    maxDiff = Math.max(maxDiff, Math.abs(p.kappa - e.kappa));
  });
  assert.ok(maxDiff < 1e-12, `max |Δκ| = ${maxDiff}`);
});
