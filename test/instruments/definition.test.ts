import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTable } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import {
  builtinInstruments,
  findInstrument,
  loadInstrument,
  parseInstrument,
  scoreInstrument,
} from '../../src/instruments/index.ts';

/** A small valid definition; tests break one field at a time. */
function base(): any {
  return {
    id: 'demo',
    name: 'Demo scale',
    version: '1',
    citation: { authors: ['Doe, J.'], year: 2020, title: 'A demo', source: 'Nowhere' },
    licence: { name: 'CC0', wordingIncluded: true, notes: 'synthetic' },
    verification: { verified: true, sources: ['this test'] },
    responseOptions: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 4 }],
    items: [{ id: 'a', text: 'Item a' }, { id: 'b' }, { id: 'c', reversed: true }, { id: 'd' }],
    scoring: [{ id: 'zero', values: { '1': 0, '2': 1, '3': 2, '4': 3 } }],
    subscales: [
      { id: 'all', items: ['a', 'b', 'c', 'd'], rule: { type: 'prorated-sum', minAnswered: { fraction: 0.75 } } },
      { id: 'ab', items: ['a', 'b'], reversed: ['b'], rule: { type: 'mean' }, scoring: 'zero' },
    ],
    classifications: [{ id: 'hi', of: 'all', bands: [{ code: 0, label: 'low', below: 10 }, { code: 1, label: 'high', min: 10 }], source: 'test' }],
    conversions: [{ id: 'metric', of: 'all', table: [{ from: 4, to: 40 }, { from: 16, to: 160 }], source: 'test' }],
  };
}

function expectField(doc: unknown, field: string, value?: string, re?: RegExp) {
  try {
    parseInstrument(doc, 'mine.yaml');
    assert.fail(`expected an error at ${field}`);
  } catch (e) {
    assert.ok(e instanceof StaffwellError, String(e));
    assert.equal(e.code, 'invalid-definition');
    assert.equal(e.location.file, 'mine.yaml');
    assert.equal(e.location.field, field, e.message);
    if (value !== undefined) assert.equal(e.value, value);
    if (re) assert.match(e.message, re);
  }
}

test('a valid definition parses, from an object and from YAML text', () => {
  const d = parseInstrument(base(), 'mine.json');
  assert.equal(d.subscales.length, 2);
  const yaml = [
    'id: tiny', 'name: Tiny', 'version: "1"',
    'citation: {authors: [Doe], year: 2020, title: T, source: S}',
    'licence: {name: CC0, wordingIncluded: false, notes: none}',
    'verification: {verified: true, sources: [x]}',
    'responseOptions: [{code: 0}, {code: 1}]',
    'items: [{id: x1}, {id: x2}]',
    'subscales: [{id: total, items: [x1, x2], rule: {type: sum}}]',
  ].join('\n');
  assert.equal(parseInstrument(yaml, 'tiny.yaml').id, 'tiny');
});

test('each bad field is named with its path and value', () => {
  let d = base(); d.subscales[1].items[1] = 'zz'; expectField(d, 'subscales[2].items[2]', 'zz', /unknown item id/);
  d = base(); d.subscales[0].rule = { type: 'median' }; expectField(d, 'subscales[1].rule.type', 'median');
  d = base(); d.subscales[0].rule.minAnswered = { fraction: 1.5 }; expectField(d, 'subscales[1].rule.minAnswered.fraction', '1.5');
  d = base(); d.subscales[1].rule = { type: 'prorated-mean', minAnswered: 5 }; expectField(d, 'subscales[2].rule.minAnswered', '5', /more than the 2 items/);
  d = base(); d.subscales[1].reversed = ['c']; expectField(d, 'subscales[2].reversed[1]', 'c', /not one of the subscale items/);
  d = base(); d.subscales[1].scoring = 'nope'; expectField(d, 'subscales[2].scoring', 'nope', /unknown scoring method/);
  d = base(); d.items[2].id = 'a'; expectField(d, 'items[3].id', 'a', /duplicate item id/);
  d = base(); d.items[1].id = '9lives'; expectField(d, 'items[2].id', '9lives');
  d = base(); d.licence.wordingIncluded = false; expectField(d, 'items[1].text', 'Item a', /wordingIncluded is false/);
  d = base(); delete d.scoring[0].values['4']; expectField(d, 'scoring[1].values', undefined, /no score for response code 4/);
  d = base(); d.responseOptions[3].code = 1; expectField(d, 'responseOptions[4].code', '1', /duplicate/);
  d = base(); d.classifications[0].of = 'zz'; expectField(d, 'classifications[1].of', 'zz', /unknown subscale/);
  d = base(); d.classifications[0].bands[1] = { code: 1, label: 'high' }; expectField(d, 'classifications[1].bands[2]', undefined, /at least one of/);
  d = base(); d.conversions[0].of = 'zz'; expectField(d, 'conversions[1].of', 'zz');
  d = base(); delete d.citation.year; expectField(d, 'citation.year', 'missing');
  d = base(); d.verification = { verified: false, sources: [] }; expectField(d, 'verification.reason', 'missing', /must say why/);
  d = base(); d.extra = 1; expectField(d, '(document)', undefined, /extra/);
  d = base(); d.defaultScoring = 'likert'; expectField(d, 'defaultScoring', 'likert');
});

test('malformed YAML is a format error naming the file', () => {
  assert.throws(() => parseInstrument('id: [unclosed', 'bad.yaml'), (e: unknown) => e instanceof StaffwellError && e.code === 'format' && e.location.file === 'bad.yaml');
});

test('loadInstrument reads a user file; a missing file is an io error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-inst-'));
  const p = join(dir, 'demo.json');
  writeFileSync(p, JSON.stringify(base()));
  assert.equal(loadInstrument(p).id, 'demo');
  assert.throws(() => loadInstrument(join(dir, 'none.json')), (e: unknown) => e instanceof StaffwellError && e.code === 'io');
});

test('user definition: prorated-sum with a fraction, per-subscale reversal, scoring method, bands, conversion', () => {
  const def = parseInstrument(base(), 'mine.json');
  const col = (name: string, v: number[]) => ({ kind: 'number' as const, name, values: Float64Array.from(v) });
  const t = makeTable({
    source: 'x.csv',
    columns: [col('a', [1, 4, 1, NaN]), col('b', [1, 4, NaN, NaN]), col('c', [4, 1, 4, 1]), col('d', [1, 4, 1, 4])],
  });
  const r = scoreInstrument(def, t, { a: 'a', b: 'b', c: 'c', d: 'd' });
  const all = r.scales.find((s) => s.id === 'all')!.values;
  // c is reversed (5 - x on 1..4). Row 3 answered 3 of 4 (>= ceil(0.75*4) = 3): mean 1 * 4 items. Row 4: 2 of 4 -> NaN.
  assert.deepEqual(Array.from(all), [4, 16, 4, NaN]);
  const ab = r.scales.find((s) => s.id === 'ab')!;
  assert.equal(ab.scoring, 'zero');
  // b reversed in this subscale only, then scored 0..3: row 1: a=1->0, b=1->rev 4->3 => mean 1.5.
  assert.deepEqual(Array.from(ab.values), [1.5, 1.5, NaN, NaN]);
  const hi = r.classifications[0];
  assert.deepEqual(Array.from(hi.codes), [0, 1, 0, -1]);
  assert.deepEqual(hi.counts, [2, 1]);
  assert.deepEqual(Array.from(r.conversions[0].values), [40, 160, 40, NaN]);
});

test('built-ins: all validate; unverified ones are hidden by default; no wording is shipped', () => {
  const all = builtinInstruments({ includeUnverified: true });
  const shown = builtinInstruments();
  assert.ok(all.length >= 13);
  assert.deepEqual(all.filter((d) => !shown.includes(d)).map((d) => d.id).sort(), ['mbi-hss', 'uwes9']);
  for (const d of all) {
    assert.equal(d.licence.wordingIncluded, false, d.id);
    assert.ok(d.items.every((i) => i.text === undefined), d.id);
    assert.ok(d.citation.authors.length > 0);
  }
  assert.throws(() => findInstrument('ghq-12'), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found' && /ghq12/.test(e.message));
});

test('the complete example in docs/instruments.md parses and scores', () => {
  const md = readFileSync(new URL('../../docs/instruments.md', import.meta.url), 'utf8');
  const yaml = md.split('```yaml\n')[1].split('```')[0];
  const def = parseInstrument(yaml, 'docs/instruments.md');
  assert.equal(def.id, 'team-climate');
  const col = (name: string, v: number[]) => ({ kind: 'number' as const, name, values: Float64Array.from(v) });
  const t = makeTable({ source: 'x.csv', columns: [col('c1', [5, 1]), col('c2', [4, NaN]), col('c3', [1, NaN]), col('c4', [5, 2])] });
  const r = scoreInstrument(def, t, 'c{n}');
  // Row 1: 5, 4, reversed 1 -> 5, 5: mean 4.75 -> "good". Row 2: two of four answered (< 3) -> missing.
  assert.deepEqual(Array.from(r.scales[0].values), [4.75, NaN]);
  assert.deepEqual(Array.from(r.classifications[0].codes), [2, -1]);
  assert.deepEqual(Array.from(r.scales[1].values), [15, NaN]);
});
