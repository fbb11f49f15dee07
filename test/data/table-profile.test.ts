/**
 * The profile of a table as the survey view shows it: per column missing cells, range, distinct values (capped),
 * value labels; text columns that are mostly numbers name the answers that are not; the head; chunks add up.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { makeTable, type Column } from '../../src/data/table.ts';
import { TableProfile } from '../../src/data/table-profile.ts';

const num = (name: string, xs: number[], extra: Partial<Column> = {}): Column => ({ kind: 'number', name, values: Float64Array.from(xs), ...extra }) as Column;
const text = (name: string, xs: (string | null)[]): Column => {
  const dictionary = [...new Set(xs.filter((x): x is string => x !== null))];
  return { kind: 'text', name, dictionary, codes: Int32Array.from(xs.map((x) => (x === null ? -1 : dictionary.indexOf(x)))) };
};

test('columns: missing, range, distinct, labels; text that is mostly numbers names the rest', () => {
  const p = new TableProfile(2);
  p.add(
    makeTable({
      source: 't.csv',
      columns: [
        num('ghq_1', [1, 2, NaN, 4], { label: 'GHQ item 1', valueLabels: new Map([[4, 'much more'], [1, 'not at all']]) }),
        text('age', ['34', 'N/A', '51', '29']),
        text('site', ['A', null, 'B', 'A']),
        num('empty', [NaN, NaN, NaN, NaN]),
      ],
    }),
  );
  const r = p.result();
  assert.equal(r.rows, 4);
  assert.deepEqual(r.columns[0], {
    name: 'ghq_1',
    kind: 'number',
    missing: 1,
    label: 'GHQ item 1',
    distinct: 3,
    min: 1,
    max: 4,
    valueLabels: [
      { value: 1, label: 'not at all' },
      { value: 4, label: 'much more' },
    ],
  });
  assert.deepEqual(r.columns[1], { name: 'age', kind: 'text', missing: 0, distinct: 4, notNumbers: { rows: 1, values: ['N/A'] } });
  assert.deepEqual(r.columns[2], { name: 'site', kind: 'text', missing: 1, distinct: 2 });
  assert.deepEqual(r.columns[3], { name: 'empty', kind: 'number', missing: 4, distinct: 0 });
  assert.deepEqual(r.head, [
    ['1', '34', 'A', null],
    ['2', 'N/A', null, null],
  ]);
});

test('chunks add up; distinct values are counted up to 1000', () => {
  const p = new TableProfile();
  const ids = (from: number) => Array.from({ length: 700 }, (_, i) => from + i);
  p.add(makeTable({ source: 't.csv', columns: [num('id', ids(0)), text('code', ids(0).map(String))] }));
  p.add(makeTable({ source: 't.csv', columns: [num('id', ids(700)), text('code', ids(700).map(String))], firstRow: 700 }));
  const r = p.result();
  assert.equal(r.rows, 1400);
  assert.equal(r.head.length, 20);
  assert.deepEqual(r.head[19], ['19', '19']);
  assert.deepEqual({ ...r.columns[0] }, { name: 'id', kind: 'number', missing: 0, distinct: 1000, distinctCapped: true, min: 0, max: 1399 });
  assert.equal(r.columns[1].distinct, 1000);
  assert.equal(r.columns[1].distinctCapped, true);
  assert.equal(r.columns[1].notNumbers, undefined, 'every answer is a number: nothing to name');
});

test('an empty file: no rows, no columns', () => {
  assert.deepEqual(new TableProfile().result(), { rows: 0, columns: [], head: [] });
});
