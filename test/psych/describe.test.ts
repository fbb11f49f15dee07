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
import { suppressScoreCells } from '../../src/psych/describe-suppression.ts';
import { formatDescribe } from '../../src/cli/format-survey.ts';
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

/** A table of groups (site) × two one-item scales: per group its size and how many answered x and y. */
function scoreTable(groups: { site: string; n: number; x: number; y: number }[]): Table {
  const dictionary = groups.map((g) => g.site);
  const site: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  groups.forEach((g, k) => {
    for (let i = 0; i < g.n; i++) {
      site.push(k);
      x.push(i < g.x ? 1 + ((i * 7 + k) % 5) : NaN);
      y.push(i < g.y ? 1 + ((i * 3 + k) % 5) : NaN);
    }
  });
  return makeTable({
    source: 'scores.csv',
    columns: [
      { kind: 'number', name: 'x1', values: Float64Array.from(x) },
      { kind: 'number', name: 'y1', values: Float64Array.from(y) },
      { kind: 'text', name: 'site', dictionary, codes: Int32Array.from(site) },
    ],
  });
}
/** A group of 40 where only 4 have score y; y is complete in the other groups, x everywhere. */
const SMALL_Y = [
  { site: 'A', n: 40, x: 40, y: 4 },
  { site: 'B', n: 30, x: 30, y: 30 },
  { site: 'C', n: 35, x: 35, y: 35 },
];
const scoreKeys = { source: 'keys', scales: [{ name: 'x', items: [{ name: 'x1', reversed: false }] }, { name: 'y', items: [{ name: 'y1', reversed: false }] }] };

test('a score that fewer than the threshold of a shown group have is hidden, the group and its other scores shown', () => {
  const t = scoreTable(SMALL_Y);
  const d = describeScales(t, scoreKeys, { by: ['site'] });
  const open = describeScales(t, scoreKeys, { by: ['site'], minGroupSize: 0 });
  const [a, b, c] = d.groups;
  assert.equal(a.suppressed, false);
  assert.equal(a.n, 40);
  assert.deepEqual(a.scales.y, { n: NaN, mean: NaN, sd: NaN, se: NaN, ci: [NaN, NaN], suppressed: 'primary' });
  // the overall total of y would give A's 4 away: the smallest other cell is hidden beside it
  assert.equal(b.scales.y.suppressed, 'complementary');
  assert.ok(Number.isNaN(b.scales.y.mean));
  assert.deepEqual(c.scales.y, open.groups[2].scales.y);
  // x has no small cell: exactly as without suppression
  d.groups.forEach((g, k) => assert.deepEqual(g.scales.x, open.groups[k].scales.x));
  assert.equal(JSON.parse(JSON.stringify(a.scales.y)).n, null);
});

test('score cells: small cells that together reach the threshold need no complementary cell', () => {
  const d = describeScales(scoreTable([
    { site: 'A', n: 40, x: 40, y: 4 },
    { site: 'B', n: 30, x: 30, y: 6 },
    { site: 'C', n: 35, x: 35, y: 35 },
  ]), scoreKeys, { by: ['site'] });
  assert.deepEqual(d.groups.map((g) => g.scales.y.suppressed ?? null), ['primary', 'primary', null]);
  assert.deepEqual(d.groups.map((g) => g.scales.x.suppressed ?? null), [null, null, null]);
});

test('score cells: groups hidden at group level count as hidden cells of every score; group suppression unchanged', () => {
  const groups = [
    { site: 'A', n: 40, x: 40, y: 4 },
    { site: 'B', n: 30, x: 30, y: 30 },
    { site: 'C', n: 35, x: 35, y: 35 },
    { site: 'D', n: 5, x: 5, y: 3 },
  ];
  const d = describeScales(scoreTable(groups), scoreKeys, { by: ['site'] });
  // group level as before: D primary, B (the smallest shown) complementary
  assert.deepEqual(Array.from(suppressGroups(groups.map((g) => [g.site]), groups.map((g) => g.n), 10)), [0, 2, 0, 1]);
  assert.deepEqual(d.groups.map((g) => g.n), [40, 'suppressed', 35, '<10']);
  // y: A's 4 and D's 3 and B's 30 are hidden together (37 ≥ 10): nothing more
  assert.equal(d.groups[0].scales.y.suppressed, 'primary');
  assert.equal(d.groups[2].scales.y.suppressed, undefined);
  // x: no small cell in a shown group, so nothing beyond the group level
  assert.equal(d.groups[0].scales.x.suppressed, undefined);
  assert.equal(d.groups[2].scales.x.suppressed, undefined);
});

test('suppressScoreCells: primary and complementary only in groups shown at group level', () => {
  const sets = [[0, 1, 2]];
  assert.deepEqual(Array.from(suppressScoreCells(Uint8Array.from([0, 0, 0]), [40, 4, 30], 10, sets)), [0, 1, 2]);
  // group 0 hidden (3 of its respondents have the score): 3 + 4 < 10, so one more cell; group 0 itself stays 0
  assert.deepEqual(Array.from(suppressScoreCells(Uint8Array.from([1, 0, 0]), [3, 4, 30], 10, sets)), [0, 1, 2]);
  // small only in a hidden group: nothing to do at score level
  assert.deepEqual(Array.from(suppressScoreCells(Uint8Array.from([1, 0, 0]), [3, 40, 30], 10, sets)), [0, 0, 0]);
  // an empty cell describes nobody
  assert.deepEqual(Array.from(suppressScoreCells(Uint8Array.from([0, 0]), [0, 40], 10, [[0, 1]])), [0, 0]);
});

test('describe without groups: a score fewer than the threshold have is hidden overall', () => {
  const d = describeScales(scoreTable([{ site: 'A', n: 40, x: 40, y: 4 }]), scoreKeys, { by: [] });
  assert.equal(d.groups[0].n, 40);
  assert.equal(d.groups[0].scales.y.suppressed, 'primary');
  assert.equal(d.groups[0].scales.x.suppressed, undefined);
});

test('the CLI table prints a hidden score cell as <10 (primary) or suppressed (complementary), with a note', () => {
  const d = describeScales(scoreTable(SMALL_Y), scoreKeys, { by: ['site'] });
  const out = formatDescribe(d, ['site'], 10);
  assert.match(out, /^A\s+40\s+\S.*n=40\s+<10$/m);
  assert.match(out, /^B\s+30\s+\S.*n=30\s+suppressed$/m);
  assert.match(out, /a score that fewer than 10 of its respondents have is suppressed/);
});
