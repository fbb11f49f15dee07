/**
 * Person scores against psych::scoreItems(...)$scores (fixtures from test/fixtures/r/psych-reliability.R):
 * impute none/median/mean × totals FALSE/TRUE × min/max observed/given, several scales in one call.
 * Tolerance 1e-12 absolute (relative 1e-12 for the offset data).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { expectAllClose } from '../helpers/expect-close.ts';
import { parseMinAnswered, requiredAnswers, scoreItems } from '../../src/psych/score.ts';
import { DATASETS, keysFrom, loadJson, tableFrom } from './fixture.ts';

for (const ds of DATASETS) {
  const fx = loadJson(`psych-reliability-${ds}.json`);
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  for (const run of fx.scoreitems) {
    const label = `${ds} impute=${run.impute} totals=${run.totals} min/max=${run.min === null ? 'observed' : `${run.min}/${run.max}`}`;
    test(`scoreItems ${label}`, () => {
      const r = scoreItems(table, keys, {
        impute: run.impute,
        totals: run.totals,
        min: run.min ?? undefined,
        max: run.max ?? undefined,
      });
      r.names.forEach((name, s) => expectAllClose(r.scores[s], run.scores[name], { abs: 1e-12, rel: 1e-12 }, `${label} ${name}`));
    });
  }
}

test('nobody chose the lowest option: observed min shifts reversed items, given min does not', () => {
  const fx = loadJson('psych-reliability-nolowest.json');
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  const obs = scoreItems(table, keys, { impute: 'none' });
  const given = scoreItems(table, keys, { impute: 'none', min: 1, max: 5 });
  assert.equal(obs.constants.min, 2);
  assert.notDeepEqual(Array.from(obs.scores[0].slice(0, 5)), Array.from(given.scores[0].slice(0, 5)));
});

test('minAnswered leaves scores NaN below the count or fraction', () => {
  const fx = loadJson('psych-reliability-mcar30.json');
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  const all = scoreItems(table, keys, { impute: 'none' });
  const some = scoreItems(table, keys, { impute: 'none', minAnswered: { fraction: 0.6 } });
  for (let s = 0; s < all.names.length; s++) {
    const k = keys.scales[s].items.length;
    const need = Math.ceil(0.6 * k);
    for (let r = 0; r < table.nrows; r++) {
      if (all.answered[s][r] >= need) assert.equal(some.scores[s][r], all.scores[s][r]);
      else assert.ok(Number.isNaN(some.scores[s][r]));
    }
  }
  assert.deepEqual(parseMinAnswered('3', '--min-answered'), { count: 3 });
  assert.deepEqual(parseMinAnswered('0.5', '--min-answered'), { fraction: 0.5 });
  assert.deepEqual(parseMinAnswered('100%', '--min-answered'), { fraction: 1 });
  assert.equal(requiredAnswers({ fraction: 0.5 }, 5), 3);
  assert.equal(requiredAnswers({ fraction: 1 }, 7), 7);
  assert.throws(() => parseMinAnswered('1.5', '--min-answered'), /whole number/);
});

test('streamed constants (first pass in chunks) give the in-memory scores', async () => {
  const { scoreConstantsInit, scoreConstantsAdd, scoreConstantsMerge, scoreConstantsValue, scoreChunk } = await import('../../src/psych/score.ts');
  const { makeTable } = await import('../../src/data/table.ts');
  const fx = loadJson('psych-reliability-mcar30.json');
  const table = tableFrom(fx.data);
  const keys = keysFrom(fx.keys);
  for (const impute of ['median', 'mean', 'none'] as const) {
    const slice = (a: number, b: number) =>
      makeTable({ source: 'x', columns: table.columns.map((c: any) => ({ ...c, values: c.values.slice(a, b) })), firstRow: a });
    const s1 = scoreConstantsInit(keys, { impute });
    const s2 = scoreConstantsInit(keys, { impute });
    scoreConstantsAdd(s1, slice(0, 61));
    scoreConstantsAdd(s2, slice(61, 150));
    scoreConstantsMerge(s2, s1);
    const streamed = scoreChunk(table, keys, scoreConstantsValue(s2), { impute });
    const inMemory = scoreItems(table, keys, { impute });
    inMemory.scores.forEach((x, s) => expectAllClose(streamed.scores[s], x, { abs: 1e-13 }, `${impute} scale ${s}`));
  }
});
