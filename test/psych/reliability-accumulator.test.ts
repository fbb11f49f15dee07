/**
 * The reliability accumulator is order- and chunking-independent (7 uneven chunks merged in a shuffled order
 * equal the one-chunk result to 1e-12) and numerically stable with a large offset (values 1e6+1..1e6+5 give the
 * same statistics as 1..5, to 1e-12 absolute; means shifted by exactly 1e6, to 1e-12 relative).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { expectClose } from '../helpers/expect-close.ts';
import { createReliabilityAccumulator, type ReliabilityValue } from '../../src/psych/reliability-value.ts';
import { reliability } from '../../src/psych/alpha.ts';
import { makeTable, type Column, type NumericColumn, type Table } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { keysFrom, loadJson, tableFrom } from './fixture.ts';
import { createRng } from '../../scripts/random.ts';

function slice(t: Table, from: number, to: number): Table {
  const columns: Column[] = t.columns.map((c) => ({ ...(c as NumericColumn), values: (c as NumericColumn).values.slice(from, to) }));
  return makeTable({ source: t.source, columns, firstRow: from });
}

function compareValues(a: ReliabilityValue, b: ReliabilityValue, tol: { abs?: number; rel?: number }, meanShift = 0): void {
  a.scales.forEach((x, s) => {
    const y = b.scales[s];
    assert.equal(x.n_complete, y.n_complete);
    for (const f of ['raw_alpha', 'std_alpha', 'g6', 'average_r', 'median_r', 'signal_noise', 'ase', 'sd', 'scoreitems_alpha'] as const) {
      expectClose(x[f], y[f], tol, `${x.name} ${f}`);
    }
    expectClose(x.mean - meanShift, y.mean, { abs: 1e-9 * Math.max(1, meanShift) * 1e-3 + (tol.abs ?? 0) }, `${x.name} mean`);
    x.item_stats.forEach((it, i) => {
      const jt = y.item_stats[i];
      assert.equal(it.n, jt.n);
      for (const f of ['raw_r', 'std_r', 'r_cor', 'r_drop', 'sd', 'alpha_if_dropped'] as const) expectClose(it[f], jt[f], tol, `${x.name} ${it.item} ${f}`);
      expectClose(it.mean - meanShift, jt.mean, { abs: 1e-9 * Math.max(1, meanShift) * 1e-3 + (tol.abs ?? 0) }, `${x.name} ${it.item} mean`);
    });
  });
}

for (const missing of ['pairwise', 'listwise'] as const) {
  for (const impute of ['median', 'mean', 'none'] as const) {
    test(`7 uneven chunks merged out of order equal one chunk (${missing}, impute ${impute})`, () => {
      const fx = loadJson('psych-reliability-mcar30.json');
      const table = tableFrom(fx.data);
      const keys = keysFrom(fx.keys);
      const whole = reliability(table, keys, { missing, impute });
      const cuts = [0, 3, 31, 32, 77, 100, 121, 150];
      const accs = cuts.slice(0, -1).map((c, i) => {
        const acc = createReliabilityAccumulator(keys, { missing, impute });
        acc.add(slice(table, c, cuts[i + 1]));
        return acc;
      });
      const root = accs[5];
      for (const i of [3, 0, 6, 2, 4, 1]) root.merge(accs[i]);
      compareValues(root.value(), whole, { abs: 1e-12 });
    });
  }
}

function likert(n: number, seed: number, offset: number): Table {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const names = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
  const cols = names.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const f = rnd() * 2 - 1;
    names.forEach((_, i) => {
      const sign = i === 1 || i === 4 ? -1 : 1;
      let v = Math.round(3 + sign * 1.6 * f + (rnd() - 0.5) * 2.4);
      v = Math.min(5, Math.max(1, v));
      cols[i][r] = rnd() < 0.1 ? NaN : v + offset;
    });
  }
  return makeTable({ source: 'big.csv', columns: names.map((name, i) => ({ kind: 'number', name, values: cols[i] })) });
}

test('numerical stability: values 1e6+1..1e6+5 give the statistics of 1..5', () => {
  const keys = keysFrom({ s: ['A1', '-A2', 'A3', 'A4', '-A5', 'A6'] });
  const n = 200_000;
  const small = likert(n, 7, 0);
  const big = likert(n, 7, 1e6);
  // stream the big one in uneven chunks
  const acc = createReliabilityAccumulator(keys, {});
  for (let c = 0; c < n; ) {
    const e = Math.min(n, c + 9_973 + (c % 7) * 1000);
    acc.add(slice(big, c, e));
    c = e;
  }
  compareValues(acc.value(), reliability(small, keys, {}), { abs: 1e-12 }, 1e6);
});

test('values outside --min/--max are reported with file, line, column and value', () => {
  const fx = loadJson('psych-reliability-complete.json');
  const data = { ...fx.data, A3: [...fx.data.A3] };
  data.A3[41] = 7;
  const table = tableFrom(data, 'survey.csv');
  const keys = keysFrom(fx.keys);
  assert.throws(
    () => reliability(table, keys, { min: 1, max: 5 }),
    (e: unknown) => e instanceof StaffwellError && e.code === 'out-of-range' && /survey\.csv, line 43, column "A3"/.test(e.message) && /"7"/.test(e.message),
  );
});

test('an item without variance is an error naming the item and scale', () => {
  const fx = loadJson('psych-reliability-complete.json');
  const data = { ...fx.data, B3: fx.data.B3.map(() => 3) };
  assert.throws(
    () => reliability(tableFrom(data), keysFrom(fx.keys), {}),
    (e: unknown) => e instanceof StaffwellError && e.code === 'unsupported' && /"B3"/.test(e.message) && /"consc"/.test(e.message),
  );
});

test('a negatively correlating item produces a reverse-key warning', () => {
  const fx = loadJson('psych-reliability-complete.json');
  const keys = keysFrom({ agree: ['A1', 'A2', 'A3', '-A4', 'A5'] }); // A1 should be reversed
  const v = reliability(tableFrom(fx.data), keys, {});
  assert.ok(v.warnings.some((w) => w.item === 'A1' && /reverse key missing/.test(w.message)));
});

test("correlation 'pairwise' (newer psych) equals cov2cor with complete data and uses cor(x, use = 'pairwise') otherwise", async () => {
  const { comomentsInit, comomentsAdd, pairwiseCor } = await import('../../src/stats/pairwise-comoments.ts');
  const complete = loadJson('psych-reliability-complete.json');
  const keys = keysFrom(complete.keys);
  const a = reliability(tableFrom(complete.data), keys, { correlation: 'pairwise' });
  const b = reliability(tableFrom(complete.data), keys, {});
  a.scales.forEach((s, i) => expectClose(s.std_alpha, b.scales[i].std_alpha, { abs: 1e-12 }, `${s.name} std_alpha`));
  const fx = loadJson('psych-reliability-mcar30.json');
  const t = tableFrom(fx.data);
  const v = reliability(t, keysFrom({ consc: ['B1', 'B3', 'B4'] }), { correlation: 'pairwise' });
  const st = comomentsInit(3);
  comomentsAdd(st, ['B1', 'B3', 'B4'].map((n) => (t.columns.find((c) => c.name === n) as NumericColumn).values));
  const R = pairwiseCor(st);
  const sumR = R.reduce((x, y) => x + y, 0);
  expectClose(v.scales[0].std_alpha, (1 - 3 / sumR) * (3 / 2), { abs: 1e-12 }, 'std_alpha from pairwise cor');
});

for (const missing of ['pairwise', 'listwise'] as const) {
  for (const file of ['psych-reliability-mcar10.json', 'psych-reliability-mcar30.json', 'psych-reliability-nolowest.json']) {
    test(`counting response patterns equals adding rows one by one (${file}, ${missing})`, () => {
      const fx = loadJson(file);
      const table = tableFrom(fx.data);
      const keys = keysFrom(fx.keys);
      const rows = reliability(table, keys, { missing, impute: 'median', patterns: false });
      // Chunks of 40 rows, merged: patterns on both sides, and a row-path state merged into a pattern state.
      const accs = [0, 40, 80, 120].map((c, i) => {
        const acc = createReliabilityAccumulator(keys, { missing, impute: 'median', patterns: i !== 2 });
        acc.add(slice(table, c, Math.min(table.nrows, c + 40)));
        return acc;
      });
      for (const a of accs.slice(1)) accs[0].merge(a);
      compareValues(accs[0].value(), rows, { abs: 1e-12 });
      compareValues(reliability(table, keys, { missing, impute: 'median' }), rows, { abs: 1e-12 });
    });
  }
}

test('a value outside the codes seen so far switches a scale from pattern counts to rows without losing any', () => {
  const fx = loadJson('psych-reliability-mcar10.json');
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  const rows = reliability(table, keys, { patterns: false });
  const acc = createReliabilityAccumulator(keys, { patterns: true });
  // The first chunk's codes decide the table's range; later chunks may hold codes outside it.
  acc.add(slice(table, 0, 5));
  acc.add(slice(table, 5, table.nrows));
  compareValues(acc.value(), rows, { abs: 1e-12 });
});

/** Seeded uniforms (mulberry32, as the demo data): the same data on every run. */
const rng = (seed: number): (() => number) => createRng(seed).uniform;

/** k correlated items coded 1..5 with some missing answers. */
function likertTable(nrows: number, k: number, seed: number, missing = 0.05): Table {
  const u = rng(seed);
  const cols: Column[] = Array.from({ length: k }, (_, i) => ({ kind: 'number', name: `q${i + 1}`, values: new Float64Array(nrows) }) as NumericColumn);
  for (let r = 0; r < nrows; r++) {
    const trait = u() * 4;
    cols.forEach((c) => {
      (c as NumericColumn).values[r] = u() < missing ? NaN : Math.min(5, Math.max(1, Math.round(1 + trait + (u() - 0.5) * 2)));
    });
  }
  return makeTable({ source: 'synthetic', columns: cols, nrows });
}

test('an eight-item scale of five codes (6^8 patterns) is counted as patterns and equals the row path', () => {
  const table = likertTable(3000, 8, 7);
  const keys = keysFrom({ long: ['q1', '-q2', 'q3', 'q4', '-q5', 'q6', 'q7', '-q8'] });
  for (const missing of ['pairwise', 'listwise'] as const) {
    const rows = reliability(table, keys, { missing, impute: 'median', patterns: false });
    const acc = createReliabilityAccumulator(keys, { missing, impute: 'median', patterns: true });
    acc.add(table);
    assert.ok(acc.state.scales[0].pattern, 'the scale is counted as response patterns');
    compareValues(acc.value(), rows, { abs: 1e-12 });
  }
});

test('folding the pattern counts early (a scan task finishing) and adding more rows changes nothing', async () => {
  const { reliabilityFold } = await import('../../src/psych/reliability-accumulator.ts');
  const table = likertTable(2000, 6, 11, 0.1);
  const keys = keysFrom({ a: ['q1', 'q2', '-q3'], b: ['q4', '-q5', 'q6'] });
  const rows = reliability(table, keys, { impute: 'median', patterns: false });
  const acc = createReliabilityAccumulator(keys, { impute: 'median', patterns: true });
  acc.add(slice(table, 0, 700));
  reliabilityFold(acc.state);
  assert.equal(acc.state.scales[0].pattern, null);
  acc.add(slice(table, 700, table.nrows));
  const other = createReliabilityAccumulator(keys, { impute: 'median', patterns: true });
  compareValues(acc.value(), rows, { abs: 1e-12 });
  // and a folded state merges with an unfolded one
  const a = createReliabilityAccumulator(keys, { impute: 'median', patterns: true });
  a.add(slice(table, 0, 1000));
  reliabilityFold(a.state);
  other.add(slice(table, 1000, table.nrows));
  a.merge(other);
  compareValues(a.value(), rows, { abs: 1e-12 });
});

test('by default a small first chunk keeps large tables to the row path, and the results are the same', () => {
  const table = likertTable(300, 8, 5);
  const keys = keysFrom({ long: ['q1', '-q2', 'q3', 'q4', '-q5', 'q6', 'q7', '-q8'], short: ['q1', 'q2', '-q3'] });
  const acc = createReliabilityAccumulator(keys, {});
  acc.add(table);
  assert.equal(acc.state.scales[0].pattern, null, '6^8 entries for 300 rows: row by row');
  assert.ok(acc.state.scales[1].pattern, '6^3 entries for 300 rows: patterns');
  compareValues(acc.value(), reliability(table, keys, { patterns: false }), { abs: 1e-12 });
});
