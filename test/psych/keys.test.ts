import test from 'node:test';
import assert from 'node:assert/strict';
import { parseKeys, resolveKeys, selectScales } from '../../src/psych/keys.ts';
import { StaffwellError } from '../../src/errors.ts';
import { makeTable } from '../../src/data/table.ts';

const table = makeTable({
  source: 'survey.csv',
  columns: [
    { kind: 'number', name: 'q1', values: Float64Array.of(1, 2) },
    { kind: 'number', name: 'q2', values: Float64Array.of(2, 3) },
    { kind: 'number', name: 'q3', values: Float64Array.of(3, 4) },
    { kind: 'text', name: 'site', codes: Int32Array.of(0, 1), dictionary: ['A', 'B'] },
  ],
});

function fails(json: string, code: string, pattern: RegExp): void {
  assert.throws(
    () => resolveKeys(parseKeys(json, 'hse.json'), table),
    (e: unknown) => e instanceof StaffwellError && e.code === code && pattern.test(e.message),
  );
}

test('parses psych-style keys with reversed items', () => {
  const k = parseKeys('{"demands": ["-q1", "q2"], "control": ["q3"]}', 'hse.json');
  assert.deepEqual(k.scales[0], { name: 'demands', items: [{ name: 'q1', reversed: true }, { name: 'q2', reversed: false }] });
  const r = resolveKeys(k, table);
  assert.deepEqual(r.variables, ['q1', 'q2', 'q3']);
  assert.deepEqual(selectScales(k, ['control']).scales.map((s) => s.name), ['control']);
});

test('invalid keys name the file and the scale', () => {
  fails('[1, 2]', 'invalid-keys', /^hse\.json: keys must be an object/);
  fails('{"demands": []}', 'invalid-keys', /hse\.json, field "demands": scale "demands" has no items/);
  fails('{"demands": ["q1", "-q1"]}', 'invalid-keys', /"q1" is listed twice/);
  fails('{"demands": ["q1", 2]}', 'invalid-keys', /field "demands\[1\]": an item of scale "demands" must be a column name/);
  fails('{"demands": "q1"}', 'invalid-keys', /must be a list/);
  fails('{not json', 'invalid-keys', /not valid JSON/);
});

test('unknown and text items name the keys file, scale, item and closest columns', () => {
  fails('{"demands": ["Q1"]}', 'unknown-column', /no column named "Q1" \(named in keys file hse\.json, scale "demands"\).*Did you mean "q1"/);
  fails('{"demands": ["site"]}', 'not-numeric', /survey\.csv, column "site": .*scale "demands" in keys file hse\.json/);
});
