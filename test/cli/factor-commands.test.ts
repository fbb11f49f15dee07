/**
 * The structure commands as a user runs them (`staffwell factor | polychoric | adequacy` in a child process)
 * on the bfi fixture data, compared with psych (test/fixtures/r/factor-fa.json, factor-correlations.json), and
 * bad input: exit 1 or 2 with a message naming the field and value.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { STAFFWELL } from '../helpers/cli.ts';
import { expectClose } from '../helpers/expect-close.ts';

const BFI = 'test/fixtures/factor/bfi.csv';
const GHQ = 'test/fixtures/factor/ghq12.csv';
const ITEMS = 'A1,A2,A3,A4,A5,C1,C2,C3,C4,C5,E1,E2,E3,E4,E5,N1,N2,N3,N4,N5,O1,O2,O3,O4,O5';
const FA = JSON.parse(readFileSync('test/fixtures/r/factor-fa.json', 'utf8'));
const COR = JSON.parse(readFileSync('test/fixtures/r/factor-correlations.json', 'utf8'));

const cli = (...args: string[]): any => JSON.parse(execFileSync(process.execPath, [...STAFFWELL, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const fails = (...args: string[]) => spawnSync(process.execPath, [...STAFFWELL, ...args], { encoding: 'utf8' });

test('factor --json: psych::fa(bfi, 5, minres, oblimin) with the contract keys', () => {
  const out = cli('factor', BFI, '--items', ITEMS, '--nfactors', '5', '--json');
  for (const k of ['items', 'nfactors', 'fm', 'rotate', 'cor', 'n_obs', 'loadings', 'communalities', 'uniquenesses', 'phi', 'eigenvalues', 'chi', 'dof', 'rmsea', 'tli', 'bic', 'rms', 'crms']) {
    assert.ok(k in out, `missing key ${k}`);
  }
  const ref = FA.fits.find((f: any) => f.set === 'bfi' && f.nfactors === 5 && f.fm === 'minres' && f.rotate === 'oblimin' && f.cor === 'cor');
  const p = 25;
  out.loadings.forEach((row: number[], i: number) => row.forEach((v, c) => expectClose(v, ref.loadings[c * p + i], { abs: 1e-4 }, `loading ${i},${c}`)));
  expectClose(out.chi, ref.chi, { rel: 1e-4 }, 'chi');
  expectClose(out.tli, ref.tli, { abs: 1e-4 }, 'TLI');
  out.rmsea.forEach((v: number, i: number) => expectClose(v, ref.rmsea[i], { abs: 1e-4 }, `rmsea ${i}`));
  assert.equal(out.dof, ref.dof);
  assert.equal(out.n_obs, 2800);
});

test('polychoric and adequacy --json as psych', () => {
  const poly = cli('polychoric', GHQ, '--items', 'ghq_1,ghq_2,ghq_3,ghq_4,ghq_5,ghq_6,ghq_7,ghq_8,ghq_9,ghq_10,ghq_11,ghq_12', '--json');
  poly.rho.forEach((row: number[], i: number) => row.forEach((v, j) => expectClose(v, COR.ghq12.poly.rho[j * 12 + i], { abs: 1e-8 }, `rho ${i},${j}`)));
  const ad = cli('adequacy', BFI, '--items', ITEMS, '--json');
  expectClose(ad.kmo.overall, COR.bfi.pearson_adequacy.kmo, { abs: 1e-9 }, 'KMO');
  expectClose(ad.bartlett.chisq, COR.bfi.pearson_adequacy.bartlett.chisq, { rel: 1e-12 }, 'Bartlett');
});

test('readable tables without --json; bad input exits with a message, never a stack', () => {
  const text = execFileSync(process.execPath, [...STAFFWELL, 'factor', BFI, '--items', ITEMS, '--nfactors', '5'], { encoding: 'utf8' });
  assert.match(text, /Loadings \(sorted/);
  assert.match(text, /RMSEA = 0\.056/);
  let r = fails('factor', BFI, '--items', 'A1,A2,nope', '--nfactors', '1');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nope/);
  r = fails('factor', BFI, '--items', ITEMS, '--nfactors', '30');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--nfactors/);
  r = fails('factor', BFI, '--items', ITEMS, '--nfactors', '2', '--rotate', 'spin');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--rotate/);
  r = fails('polychoric', BFI, '--items', 'A1');
  assert.notEqual(r.status, 0);
  assert.doesNotMatch(r.stderr, /at .*\.ts:/);
});

test('omega and parallel --json: psych::omega(bfi, 3) and fa.parallel\'s decision', () => {
  const OM = JSON.parse(readFileSync('test/fixtures/r/factor-omega.json', 'utf8'));
  const om = cli('omega', BFI, '--items', ITEMS, '--json');
  const ref = OM.omega.find((o: any) => o.set === 'bfi' && o.nfactors === 3);
  for (const k of ['omega_h', 'omega_total', 'alpha', 'omega_lim', 'g6', 'ecv']) expectClose(om[k], ref[k], { abs: 1e-4 }, k);
  assert.equal(om.groups.length, 4);
  const par = cli('parallel', BFI, '--items', ITEMS, '--seed', '7', '--json');
  const pref = OM.parallel.find((x: any) => x.set === 'bfi');
  assert.equal(par.nfact, pref.nfact);
  assert.equal(par.ncomp, pref.ncomp);
  for (const k of ['nfact', 'ncomp', 'fa_values', 'pc_values', 'simulated']) assert.ok(k in par, k);
});

test('factor --scores: psych::fa(bfi, 5, pa, varimax, scores = "tenBerge") weights and scores, written as CSV', async () => {
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const SC = JSON.parse(readFileSync('test/fixtures/r/factor-scores.json', 'utf8'));
  const ref = SC.cases.find((c: any) => c.set === 'bfi' && c.fm === 'pa' && c.rotate === 'varimax' && c.method === 'tenBerge');
  const dir = mkdtempSync(join(tmpdir(), 'sw-fscores-'));
  const file = join(dir, 'scores.csv');
  const out = cli('factor', BFI, '--items', ITEMS, '--nfactors', '5', '--fm', 'pa', '--rotate', 'varimax', '--scores', file, '--score-method', 'tenBerge', '--json');
  const p = 25;
  const nf = 5;
  assert.equal(out.scores.method, 'tenBerge');
  assert.equal(out.scores.file, file);
  // pa is deterministic: 1e-7 end to end (see test/psych/factor/factor-scores.test.ts)
  out.scores.weights.forEach((row: number[], i: number) => row.forEach((v, c) => expectClose(v, ref.weights[c * p + i], { abs: 1e-7 }, `weight ${i},${c}`)));
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'PA1,PA2,PA3,PA4,PA5');
  assert.equal(lines.length, 2801);
  const nrows = SC.meta.nrows;
  let blank = 0;
  for (let i = 0; i < nrows; i++) {
    const cells = lines[i + 1].split(',');
    for (let c = 0; c < nf; c++) {
      const e = ref.scores[c * nrows + i];
      if (e === null) {
        assert.equal(cells[c], '', `row ${i + 1}: a respondent with a missing item has no score`);
        blank++;
      } else expectClose(Number(cells[c]), e, { abs: 1e-7 }, `score ${i + 1},${c}`);
    }
  }
  assert.ok(blank > 0);
  assert.equal(out.scores.n_scored, lines.slice(1).filter((l) => !l.startsWith(',')).length);

  // an id column written first; imputation scores everyone; readable output says where the scores went
  const ghq = readFileSync(GHQ, 'utf8').trim().split('\n');
  const withId = join(dir, 'ghq-id.csv');
  writeFileSync(withId, ghq.map((l, i) => `${i === 0 ? 'staff_id' : `S${String(i).padStart(3, '0')}`},${l}`).join('\n') + '\n');
  const scoresId = join(dir, 'ghq-scores.csv');
  const text = execFileSync(process.execPath, [...STAFFWELL, 'factor', withId, '--items', 'ghq_1,ghq_2,ghq_3,ghq_4,ghq_5,ghq_6,ghq_7,ghq_8,ghq_9,ghq_10,ghq_11,ghq_12', '--nfactors', '2', '--scores', scoresId, '--id', 'staff_id', '--score-impute', 'median'], { encoding: 'utf8' });
  assert.match(text, /Factor scores \(psych::factor.scores, method = regression, missing answers imputed by the item median\): 500 of 500 respondents scored/);
  const sl = readFileSync(scoresId, 'utf8').trim().split('\n');
  assert.equal(sl[0], 'staff_id,MR1,MR2');
  assert.match(sl[1], /^S001,-?\d/);

  let r = fails('factor', BFI, '--items', ITEMS, '--nfactors', '2', '--score-method', 'Bartlett');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--score-method needs --scores/);
  r = fails('factor', BFI, '--items', ITEMS, '--nfactors', '2', '--scores', join(dir, 'x.csv'), '--score-method', 'magic');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--score-method/);
  // two respondents with one id: the scores could not say whose they are; nothing is written
  const dup = join(dir, 'ghq-dup.csv');
  writeFileSync(dup, ghq.map((l, i) => `${i === 0 ? 'staff_id' : i === 7 ? 'S003' : `S${String(i).padStart(3, '0')}`},${l}`).join('\n') + '\n');
  const dupScores = join(dir, 'dup-scores.csv');
  r = fails('factor', dup, '--items', 'ghq_1,ghq_2,ghq_3,ghq_4,ghq_5,ghq_6,ghq_7,ghq_8,ghq_9,ghq_10,ghq_11,ghq_12', '--nfactors', '2', '--scores', dupScores, '--id', 'staff_id');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ghq-dup\.csv, line 8, column "staff_id".*already used on line 4.*S003/);
  assert.ok(!existsSync(dupScores), 'no scores file');
});
