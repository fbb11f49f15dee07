/**
 * Group summaries against R (test/fixtures/r/psych-describe.R: psych::scoreItems(impute = "none") scores,
 * then n / mean / sd / se / mean ± qt(.975, n−1)·se per group). Tolerance 1e-9 absolute (CIs through qt too).
 * Suppression logic is tested on constructed counts.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { expectClose } from '../helpers/expect-close.ts';
import { createDescribeAccumulator, describe as describeScales, suppressGroups } from '../../src/psych/describe.ts';
import { makeTable, type Column, type Table } from '../../src/data/table.ts';
import type { ScaleSummaryJson } from '../../src/psych/results.ts';
import { keysFrom, loadJson, toFloat } from './fixture.ts';

const fx = loadJson('psych-describe.json');
const keys = keysFrom(fx.keys);

function siteTable(from = 0, to = fx.site.length): Table {
  const dictionary = ['West', 'North', 'East', 'South'];
  const columns: Column[] = Object.entries(fx.data as Record<string, (number | null)[]>).map(([name, v]) => ({
    kind: 'number',
    name,
    values: toFloat(v.slice(from, to)),
  }));
  columns.push({ kind: 'text', name: 'site', dictionary, codes: Int32Array.from(fx.site.slice(from, to), (s: string) => dictionary.indexOf(s)) });
  return makeTable({ source: 'survey.csv', columns, firstRow: from });
}

function compare(actual: ReturnType<typeof describeScales>, expected: any[], label: string): void {
  assert.equal(actual.groups.length, expected.length, `${label}: number of groups`);
  for (const e of expected) {
    const g = actual.groups.find((x) => Object.entries(e.by).every(([k, v]) => x.by[k] === v));
    assert.ok(g, `${label}: group ${JSON.stringify(e.by)} missing`);
    assert.equal(g.n, e.n, `${label} ${JSON.stringify(e.by)} n`);
    for (const [name, s] of Object.entries<any>(e.scales)) {
      const a: ScaleSummaryJson = g!.scales[name];
      const L = `${label} ${JSON.stringify(e.by)} ${name}`;
      assert.equal(a.n, s.n, `${L} n`);
      expectClose(a.mean, s.mean, { abs: 1e-9 }, `${L} mean`);
      expectClose(a.sd, s.sd, { abs: 1e-9 }, `${L} sd`);
      expectClose(a.se, s.se, { abs: 1e-9 }, `${L} se`);
      expectClose(a.ci[0], s.lo, { abs: 1e-9 }, `${L} ci lo`);
      expectClose(a.ci[1], s.hi, { abs: 1e-9 }, `${L} ci hi`);
    }
  }
}

for (const run of fx.runs) {
  const mm = run.min === null ? 'observed' : `${run.min}-${run.max}`;
  test(`describe by site, min/max ${mm}, matches R`, () => {
    const d = describeScales(siteTable(), keys, { by: ['site'], minGroupSize: 0, min: run.min ?? undefined, max: run.max ?? undefined });
    compare(d, run.by_site, `site ${mm}`);
  });
  test(`describe by site and role, min/max ${mm}, matches R (chunked, merged out of order)`, () => {
    const opts = { by: ['site', 'role'], minGroupSize: 0, min: run.min ?? undefined, max: run.max ?? undefined };
    const cuts = [0, 17, 60, 61, 130, 200, 240];
    const parts = cuts.slice(0, -1).map((c, i) => {
      const acc = createDescribeAccumulator(keys, opts);
      acc.add(siteTable(c, cuts[i + 1]));
      return acc;
    });
    const total = parts[4];
    for (const i of [2, 0, 5, 1, 3]) total.merge(parts[i]);
    compare(total.value(), run.by_site_role, `site×role ${mm}`);
  });
}

test('small groups are suppressed with no numbers', () => {
  const d = describeScales(siteTable(), keys, { by: ['site', 'role'] });
  for (const g of d.groups) {
    if (g.suppressed) {
      assert.deepEqual(g.scales, {});
      assert.ok(g.n === '<10' || g.n === 'suppressed');
    } else {
      assert.ok(typeof g.n === 'number' && g.n >= 10);
    }
  }
  assert.ok(d.groups.some((g) => g.n === '<10'));
});

test('complementary suppression: one small cell forces the next smallest', () => {
  const values = [['a'], ['b'], ['c'], ['d']];
  const st = suppressGroups(values, [50, 4, 30, 12], 10);
  assert.deepEqual(Array.from(st), [0, 1, 0, 2]);
  // two small cells that together reach the threshold need nothing more
  assert.deepEqual(Array.from(suppressGroups(values, [50, 4, 30, 6], 10)), [0, 1, 0, 1]);
  // two small cells below the threshold together: one more
  assert.deepEqual(Array.from(suppressGroups(values, [50, 4, 30, 5], 10)), [0, 1, 2, 1]);
});

test('an empty cell is shown as 0 and protects nothing: no complementary cell is hidden for it', () => {
  const values = [['non-case'], ['case']];
  // was [2, 1]: the 6 hidden to protect a 0 that was shown anyway (and the 6 then followed from n = 6)
  assert.deepEqual(Array.from(suppressGroups(values, [6, 0], 5)), [0, 0]);
  assert.deepEqual(Array.from(suppressGroups(values, [6, 3], 5)), [2, 1]);
  assert.deepEqual(Array.from(suppressGroups([['a'], ['b'], ['c']], [0, 3, 40], 5)), [0, 1, 2]);
});

test('complementary suppression with two grouping columns covers every margin and iterates', () => {
  // site × role: S1 row has one small cell; fixing it must not leave a column margin exposed
  const values = [
    ['S1', 1], ['S1', 2], ['S1', 3],
    ['S2', 1], ['S2', 2], ['S2', 3],
    ['S3', 1], ['S3', 2], ['S3', 3],
  ];
  const counts = [3, 40, 20, 25, 30, 35, 45, 50, 11];
  const st = suppressGroups(values, counts, 10);
  // check the invariant on every margin and on the total
  const sets: number[][] = [values.map((_, i) => i)];
  for (const col of [0, 1]) {
    const keysSeen = new Map<string, number[]>();
    values.forEach((v, i) => {
      const k = String(v[col]);
      keysSeen.set(k, [...(keysSeen.get(k) ?? []), i]);
    });
    sets.push(...keysSeen.values());
  }
  for (const set of sets) {
    const sup = set.filter((i) => st[i]);
    const held = sup.reduce((s, i) => s + counts[i], 0);
    assert.ok(sup.length === 0 || held >= 10 || sup.length === set.length, `set ${set} holds ${held}`);
  }
  assert.equal(st[0], 1);
  assert.ok(st.filter((x) => x === 2).length >= 2, 'at least one cell in its row and one in its column');
});

test('rows with a missing grouping value form their own group', () => {
  const t = siteTable();
  const site = t.columns.find((c) => c.name === 'site');
  if (site?.kind !== 'text') throw new Error('no site');
  (site.codes as Int32Array)[0] = -1;
  const d = describeScales(t, keys, { by: ['site'], minGroupSize: 0 });
  const miss = d.groups.find((g) => g.by.site === null);
  assert.ok(miss);
  assert.equal(miss.n, 1);
});
