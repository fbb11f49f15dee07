import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTable, type Column } from '../../src/data/table.ts';
import type { CodedLane, ScaleRows } from '../../src/engine/coded-lane.ts';
import { builtinInstruments } from '../../src/instruments/builtin-instruments.ts';
import { codedScorer, resolveMapping, scoreInstrument, type InstrumentScores } from '../../src/instruments/score-instrument.ts';
import type { InstrumentDefinition } from '../../src/instruments/definition.ts';
import { createRng } from '../../scripts/random.ts';

/**
 * `codedScorer` (the study scan's scoring of the coded lane's rows) against `scoreInstrument` on the same rows as
 * number columns: every built-in instrument (raw and method scorings, reversed items, recodes, prorated rules,
 * classifications, conversions), answers missing at random, data codes shifted where the codes stay one digit;
 * every score, count and band to the bit, over two chunks so the reused buffers are exercised.
 */

/** The lane operations codedScorer uses, in JavaScript over item codes (255 = empty), as native/coded-lane.c does them. */
function fakeLane(codes: Uint8Array[]): CodedLane {
  return {
    item: (name: string) => Number(name),
    codesOf: (i: number, m: number) => codes[i].subarray(0, m),
    scale(items: ArrayLike<number>, signs: ArrayLike<number>, _lo: number, K: number, m: number): ScaleRows {
      assert.equal(K, 0);
      const cnt = new Uint8Array(m);
      const rev = new Uint8Array(m);
      const tot = new Int32Array(m);
      for (let r = 0; r < m; r++)
        for (let t = 0; t < items.length; t++) {
          const v = codes[items[t]][r];
          if (v === 255) continue;
          cnt[r]++;
          if (signs[t] < 0) {
            rev[r]++;
            tot[r] -= v;
          } else tot[r] += v;
        }
      return { idx: new Int32Array(m), cnt, rev, tot };
    },
  } as unknown as CodedLane;
}

function same(a: InstrumentScores, b: InstrumentScores, what: string): void {
  const bits = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
  assert.deepEqual(a.columns, b.columns);
  a.scales.forEach((s, j) => {
    const t = b.scales[j];
    assert.equal(bits(s.values), bits(t.values), `${what}: ${s.id} scores`);
    assert.deepEqual([...s.answered], [...t.answered], `${what}: ${s.id} answered`);
    assert.equal(s.missing, t.missing, `${what}: ${s.id} missing`);
    assert.equal(s.scoring, t.scoring);
  });
  a.classifications.forEach((c, j) => {
    const d = b.classifications[j];
    assert.deepEqual([...c.codes], [...d.codes], `${what}: ${c.id} bands`);
    assert.deepEqual(c.counts, d.counts);
    assert.equal(c.missing, d.missing);
  });
  a.conversions.forEach((c, j) => assert.equal(bits(c.values), bits(b.conversions[j].values), `${what}: ${c.id} conversion`));
}

function variants(def: InstrumentDefinition): { codes?: number[]; scoring?: string }[] {
  const own = def.responseOptions.map((o) => o.code);
  const out: { codes?: number[]; scoring?: string }[] = [{}];
  const lo = Math.min(...own);
  if (lo > 0) out.push({ codes: own.map((c) => c - lo) }); // data coded from 0
  for (const m of def.scoring ?? []) out.push({ scoring: m.id });
  return out.filter((v) => (v.codes ?? own).every((c) => Number.isInteger(c) && c >= 0 && c <= 9));
}

test('codedScorer = scoreInstrument, to the bit, on every built-in instrument', () => {
  const rng = createRng(14);
  let checked = 0;
  for (const def of builtinInstruments({ includeUnverified: true })) {
    for (const v of variants(def)) {
      const dataCodes = v.codes ?? def.responseOptions.map((o) => o.code);
      const mapping = resolveMapping(def, '{id}');
      const ids = Object.keys(mapping);
      const scorer = codedScorer(def, '{id}', v);
      for (const [n, missing] of [
        [700, 0.1],
        [300, 0.6],
      ] as const) {
        // the lane's codes (255 empty) and the same rows as number columns
        const codes = ids.map(() => new Uint8Array(n));
        for (const c of codes) for (let r = 0; r < n; r++) c[r] = rng.uniform() < missing ? 255 : dataCodes[Math.floor(rng.uniform() * dataCodes.length)];
        const cols: Column[] = ids.map((id, i) => ({ kind: 'number', name: id, values: Float64Array.from(codes[i], (x) => (x === 255 ? NaN : x)) }));
        const table = makeTable({ source: 'rows.csv', columns: cols, nrows: n });
        const index = new Map(ids.map((id, i) => [id, i]));
        const coded = scorer.score(fakeLane(codes), (id) => index.get(id)!, n);
        same(coded, scoreInstrument(def, table, '{id}', v), `${def.id} ${JSON.stringify(v)} n=${n}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 20, `${checked} instrument variants checked`);
});
