import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeTable, type NumericColumn, type Table } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { findInstrument, scoreInstrument, type InstrumentScores } from '../../src/instruments/index.ts';
import { expectAllClose } from '../helpers/expect-close.ts';

// Reference scores from test/fixtures/r/instruments-scoring.R: seeded synthetic responses scored by each
// instrument's published rule written independently in R.
interface Fixture {
  R: string;
  instruments: Record<string, { codes: number[]; items: Record<string, (number | null)[]>; expected: Record<string, (number | string | null)[]> }>;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/r/instruments-scoring.json', import.meta.url), 'utf8')) as Fixture;

function tableOf(items: Record<string, (number | null)[]>, source = 'synthetic.csv'): Table {
  const columns: NumericColumn[] = Object.entries(items).map(([name, v]) => ({
    kind: 'number',
    name,
    values: Float64Array.from(v, (x) => (x === null ? NaN : x)),
  }));
  return makeTable({ source, columns });
}
const scale = (r: InstrumentScores, id: string) => r.scales.find((s) => s.id === id)!;
function labelsOf(r: InstrumentScores, id: string): (string | null)[] {
  const c = r.classifications.find((x) => x.id === id)!;
  return Array.from(c.codes, (k) => (k < 0 ? null : c.bands.find((b) => b.code === k)!.label));
}
// Scores are sums/means of small integers: agreement to 1e-12 absolute.
const TOL = { abs: 1e-12 };

const simple: [string, string | undefined][] = [
  ['hse-indicator-tool', 'hse_{n}'],
  ['warr-cook-wall', 'wcw_{n}'],
  ['proqol5', 'proqol_{n}'],
  ['cbi', '{id}'],
  ['brs', 'brs_{n}'],
  ['phq9', 'phq_{n}'],
  ['gad7', 'gad_{n}'],
  ['pss10', 'pss_{n}'],
  ['wemwbs', 'wemwbs_{n}'],
  ['swemwbs', '{id}'],
  ['uwes9', 'uwes_{n}'],
];

for (const [id, pattern] of simple) {
  test(`${id}: every scale matches the published rule computed in R (${fx.R})`, () => {
    const f = fx.instruments[id];
    const def = findInstrument(id);
    const r = scoreInstrument(def, tableOf(f.items), pattern!, { codes: f.codes });
    for (const s of def.subscales) {
      const exp = f.expected[s.id];
      assert.ok(exp, `fixture has expected values for ${s.id}`);
      expectAllClose(scale(r, s.id).values, exp as (number | null)[], TOL, `${id}.${s.id}`);
    }
  });
}

test('ghq12: GHQ and Likert totals, caseness at 4 and at 3, Likert > 12', () => {
  const f = fx.instruments.ghq12;
  const def = findInstrument('ghq12');
  const t = tableOf(f.items);
  const r = scoreInstrument(def, t, 'ghq_{n}');
  expectAllClose(scale(r, 'total').values, f.expected.total_ghq as (number | null)[], TOL, 'ghq total');
  assert.deepEqual(labelsOf(r, 'caseness'), f.expected.caseness4);
  assert.deepEqual(labelsOf(r, 'likert_distress'), f.expected.likert_gt12);
  const r3 = scoreInstrument(def, t, 'ghq_{n}', { cutoffs: { caseness: 3 } });
  assert.deepEqual(labelsOf(r3, 'caseness'), f.expected.caseness3);
  assert.equal(r3.classifications[0].cutoff, 3);
  const rl = scoreInstrument(def, t, 'ghq_{n}', { scoring: 'likert' });
  expectAllClose(scale(rl, 'total').values, f.expected.total_likert as (number | null)[], TOL, 'likert total');
  // Caseness is always computed on the GHQ-method total, whatever the scale scoring.
  assert.deepEqual(labelsOf(rl, 'caseness'), f.expected.caseness4);
  const c = r.classifications[0];
  assert.equal(c.counts.reduce((a, b) => a + b, 0) + c.missing, r.n);
});

test('ghq12: data coded 0..3 give the same scores with the codes option', () => {
  const f = fx.instruments.ghq12_codes0;
  const def = findInstrument('ghq12');
  const r = scoreInstrument(def, tableOf(f.items), 'ghq_{n}', { codes: [0, 1, 2, 3] });
  expectAllClose(scale(r, 'total').values, f.expected.total_ghq as (number | null)[], TOL, 'ghq total (0..3)');
  assert.throws(() => scoreInstrument(def, tableOf(f.items), 'ghq_{n}'), (e: unknown) => e instanceof StaffwellError && e.code === 'out-of-range');
});

test('brs, phq9, gad7: classification bands match R', () => {
  for (const [id, cl, key] of [
    ['brs', 'resilience', 'resilience'],
    ['phq9', 'severity', 'severity'],
    ['gad7', 'severity', 'severity'],
  ] as const) {
    const f = fx.instruments[id];
    const r = scoreInstrument(findInstrument(id), tableOf(f.items), Object.fromEntries(Object.keys(f.items).map((k) => [k, k])));
    assert.deepEqual(labelsOf(r, cl), f.expected[key], `${id} ${cl}`);
  }
});

test('out-of-range code names file, line, column, value and the valid codes', () => {
  const t = tableOf({ q1: [1, 2], q2: [3, 4], q3: [1, 1], q4: [1, 7], q5: [2, 2], q6: [1, 1] }, 'team.csv');
  const def = findInstrument('brs');
  try {
    scoreInstrument(def, t, 'q{n}');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof StaffwellError);
    assert.equal(e.code, 'out-of-range');
    assert.equal(e.location.file, 'team.csv');
    assert.equal(e.location.line, 3);
    assert.equal(e.location.column, 'q4');
    assert.equal(e.value, '7');
    assert.match(e.message, /valid codes are 1, 2, 3, 4, 5/i);
  }
});

test('mapping errors: unknown item id, missing column, incomplete mapping, bad pattern, bad cut-off', () => {
  const def = findInstrument('gad7');
  const t = tableOf(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`g${i + 1}`, [0, 1]])));
  const full = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad_${i + 1}`, `g${i + 1}`]));
  const err = (f: () => unknown, code: string, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof StaffwellError && e.code === code && re.test(e.message));
  err(() => scoreInstrument(def, t, { ...full, gad_8: 'g8' }), 'invalid-option', /field "mapping\.gad_8".*not an item of gad7/);
  err(() => scoreInstrument(def, t, { ...full, gad_3: 'G3' }), 'unknown-column', /no column named "G3".*item "gad_3"/);
  const partial: Record<string, string> = { ...full };
  delete partial.gad_5;
  err(() => scoreInstrument(def, t, partial), 'invalid-option', /field "mapping\.gad_5"/);
  err(() => scoreInstrument(def, t, 'gad'), 'invalid-option', /\{n\}/);
  err(() => scoreInstrument(def, t, 'g{n}', { cutoffs: { further_evaluation: 8 } }), 'invalid-option', /not a published cut-off/);
  err(() => scoreInstrument(def, t, 'g{n}', { scoring: 'likert' }), 'invalid-option', /no scoring method/);
  err(() => scoreInstrument(def, t, 'g{n}', { codes: [1, 2, 3] }), 'invalid-option', /4 distinct codes/);
});

test('prorated rules: CBI minimum answered items and the reversed work item', () => {
  const def = findInstrument('cbi');
  // Personal burnout needs 3 of 6 items: two answered -> missing; three answered -> mean of those.
  const items: Record<string, (number | null)[]> = {};
  for (let i = 1; i <= 6; i++) items[`cbi_p${i}`] = [i <= 2 ? 1 : null, i <= 3 ? 1 : null];
  for (let i = 1; i <= 7; i++) items[`cbi_w${i}`] = [1, 1];
  for (let i = 1; i <= 6; i++) items[`cbi_c${i}`] = [5, 5];
  const r = scoreInstrument(def, tableOf(items), '{id}');
  const p = scale(r, 'personal');
  assert.ok(Number.isNaN(p.values[0]));
  assert.equal(p.values[1], 100);
  assert.deepEqual(Array.from(p.answered), [2, 3]);
  // Work: six items "Always" (100) and the reversed energy item "Always" (0): (6*100 + 0) / 7.
  assert.equal(scale(r, 'work').values[0], 600 / 7);
  assert.equal(scale(r, 'client').values[0], 0);
});
