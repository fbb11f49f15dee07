/**
 * Instrument suggestions from column names: item ids (any case), numbered runs of the instrument's length, partial
 * id matches naming what is missing; a run claimed by one instrument is not offered as another of its length.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { builtinInstruments } from '../../src/instruments/builtin-instruments.ts';
import { citationOf, numberedRuns, suggestInstruments } from '../../src/instruments/suggest-instruments.ts';

const defs = builtinInstruments();
const seq = (prefix: string, n: number, suffix = '') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}${suffix}`);

test('columns named by item ids match their instrument, with the study-file pattern', () => {
  const s = suggestInstruments(['id', 'site', ...seq('ghq_', 12), ...seq('hse_', 35)], defs);
  const ghq = s.find((x) => x.instrument === 'ghq12')!;
  assert.equal(ghq.match, 'ids');
  assert.equal(ghq.pattern, 'ghq_{n}');
  assert.deepEqual(ghq.columns, seq('ghq_', 12));
  assert.equal(ghq.citation, 'Goldberg & Williams (1988)');
  assert.equal(s.find((x) => x.instrument === 'hse-indicator-tool')?.match, 'ids');
  assert.ok(!s.some((x) => x.match === 'count'), 'the item runs are claimed: no instrument of the same length by count');
});

test('ids match ignoring case; a subset instrument (SWEMWBS within WEMWBS) by {id} only when exact', () => {
  const upper = suggestInstruments(seq('GHQ_', 12), defs);
  assert.equal(upper[0].instrument, 'ghq12');
  assert.equal(upper[0].pattern, 'GHQ_{n}');
  const wemwbs = suggestInstruments(seq('wemwbs_', 14), defs);
  assert.deepEqual(wemwbs.map((x) => `${x.instrument} ${x.match} ${x.pattern}`), ['wemwbs ids wemwbs_{n}', 'swemwbs ids {id}']);
});

test('a numbered run of an instrument’s length is offered by count, with its pattern', () => {
  const s = suggestInstruments(['resp', ...seq('q', 12), 'age'], defs);
  assert.deepEqual(s.map((x) => `${x.instrument} ${x.match} ${x.pattern}`), ['ghq12 count q{n}']);
  const seven = suggestInstruments(seq('item', 7, '_a'), defs).map((x) => x.instrument).sort();
  assert.deepEqual(seven, ['gad7', 'swemwbs']);
  assert.equal(suggestInstruments(seq('item', 7, '_a'), defs)[0].pattern, 'item{n}_a');
});

test('a run named like one of the instruments of its length keeps only that one', () => {
  assert.deepEqual(suggestInstruments(seq('swemwbs_', 7), defs).map((x) => `${x.instrument} ${x.match} ${x.pattern}`), ['swemwbs count swemwbs_{n}']);
  assert.deepEqual(suggestInstruments(seq('GAD7_', 7), defs).map((x) => x.instrument), ['gad7']);
});

test('zero-padded runs match without a pattern; a gap ends a run', () => {
  const padded = ['q01', 'q02', 'q03', 'q04', 'q05', 'q06', 'q07', 'q08', 'q09', 'q10', 'q11', 'q12'];
  const s = suggestInstruments(padded, defs);
  assert.equal(s[0].instrument, 'ghq12');
  assert.equal(s[0].pattern, undefined);
  assert.deepEqual(numberedRuns(['x1', 'x2', 'x4']), [{ pattern: 'x{n}', columns: ['x1', 'x2'] }]);
  assert.deepEqual(numberedRuns(['x1', 'y']), []);
});

test('most but not all item ids: a partial match naming the missing items', () => {
  const cols = seq('ghq_', 12).filter((c) => c !== 'ghq_7');
  const s = suggestInstruments(cols, defs);
  const ghq = s.find((x) => x.instrument === 'ghq12')!;
  assert.equal(ghq.match, 'partial');
  assert.deepEqual(ghq.missing, ['ghq_7']);
  assert.equal(s.at(-1), ghq, 'partial matches come last');
});

test('no suggestions for unrelated columns', () => {
  assert.deepEqual(suggestInstruments(['id', 'age', 'site', 'x1'], defs), []);
});

test('citations: one author, two, or et al.', () => {
  const c = (authors: string[]) => citationOf({ citation: { authors, year: 2000, title: 't', source: 's' } });
  assert.equal(c(['Health and Safety Executive']), 'Health and Safety Executive (2000)');
  assert.equal(c(['Smith, B. W.', 'Dalen, J.', 'Wiggins, K.']), 'Smith et al. (2000)');
});
