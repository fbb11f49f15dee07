/**
 * The coded lane (src/engine/, native/coded-lane.c) against the JavaScript path it stands in for:
 * on generated files that mix lane-readable rows with every kind of row it must refuse, the survey accumulators
 * fed through the lane give the same reliability, group summaries and scores, and the same errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '../../scripts/random.ts';
import { CODED_LANE_SOURCE_SHA256 } from '../../src/engine/coded-lane-wasm.ts';
import { codedReaderFor, scanRangeCoded } from '../../src/data/scan-range-coded.ts';
import { openCsvLayout } from '../../src/data/csv-layout.ts';
import { scanCsvRange, type RangeScanOptions } from '../../src/data/csv-range.ts';
import type { MissingCodes } from '../../src/data/missing.ts';
import { scanCsvParallel } from '../../src/data/scan-parallel.ts';
import type { Table } from '../../src/data/table.ts';
import { parseKeys, type Keys } from '../../src/psych/keys.ts';
import { reliabilityAdd, reliabilityFold, reliabilityInit, type ReliabilityOptions } from '../../src/psych/reliability-accumulator.ts';
import { reliabilityValue } from '../../src/psych/reliability-value.ts';
import { describeAdd, describeInit } from '../../src/psych/describe-accumulator.ts';
import { describeValue } from '../../src/psych/describe.ts';
import { scoreChunk } from '../../src/psych/score.ts';
import { codedScales } from '../../src/survey/coded-scales.ts';
import { createTask, mergeSurveyStates, type SurveyTaskState } from '../../src/survey/survey-task.ts';
import { tmpFile } from '../data/helpers.ts';

test('the built WebAssembly module is the one native/coded-lane.c gives (run `npm run build:wasm` after changing it)', () => {
  const sha = createHash('sha256').update(readFileSync(new URL('../../native/coded-lane.c', import.meta.url))).digest('hex');
  assert.equal(sha, CODED_LANE_SOURCE_SHA256);
});

const KEYS = parseKeys(JSON.stringify({ a: ['q1', '-q2', 'q3', 'q4'], b: ['-q5', 'q6', 'q7'], c: ['q3', '-q8'] }), 'keys.json');
const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'];

interface Shape {
  delim: string;
  eol: string;
  /** Chance that a row has something the lane must refuse. */
  odd: number;
  rows: number;
  trailingNewline: boolean;
  /** Largest code (answers 1..top). */
  top: number;
  /** Only odd rows that are not errors (no ragged or blank rows). */
  valid?: boolean;
}

/** A field the lane must leave to the JavaScript parser (the row then goes that way). */
function oddItem(rng: Rng, delim: string, valid = false): string {
  if (valid) return rng.pick(['10', '-99', ' 3', '3.0', 'NA', '"4"', '0', '2 ']);
  return rng.pick(['10', '-99', ' 3', '3.0', 'NA', '"4"', '+2', '0', '2 ', `"${delim}"`, '3e0', '07']);
}

function oddSite(rng: Rng): string {
  return rng.pick(['"S 1"', 'Sté', '"a""b"', 'NA', ' S2', 'S1 ', '"line\nbreak"', '-99']);
}

function generate(rng: Rng, shape: Shape): string {
  const { delim, eol } = shape;
  const head = ['id', 'site', ...ITEMS.slice(0, 4), 'note', ...ITEMS.slice(4)];
  const lines = [head.join(delim)];
  for (let r = 0; r < shape.rows; r++) {
    const odd = rng.uniform() < shape.odd;
    const cells = [String(r + 1), rng.uniform() < 0.03 ? '' : `S${rng.int(1, 4)}`];
    for (let i = 0; i < 8; i++) cells.push(rng.uniform() < 0.1 ? '' : String(rng.int(1, shape.top)));
    cells.splice(6, 0, rng.pick(['', 'ok', 'x-y', 'long'.repeat(rng.int(1, 30))]));
    if (odd) {
      const what = rng.int(0, shape.valid ? 2 : 5);
      if (what === 0) cells[rng.int(2, 10)] = oddItem(rng, delim, shape.valid);
      else if (what === 1) cells[1] = oddSite(rng);
      else if (what === 2) cells[6] = rng.pick(['"quoted"', '"a\nb"', 'naïve', '\t', '']);
      else if (what === 3) cells.push('extra');
      else if (what === 4) cells.pop();
      else {
        lines.push('');
        continue;
      }
    }
    lines.push(cells.join(delim));
  }
  return lines.join(eol) + (shape.trailingNewline ? eol : '');
}

interface Outcome {
  reliability?: unknown;
  describe?: unknown;
  scores?: (number | null)[][];
  error?: string;
  /** Rows the lane's consumer took. */
  laneRows: number;
}

/** Reads `file` on one thread, through the lane (`lane`) or the JavaScript parser alone, into the survey accumulators. */
function run(
  file: string,
  delim: string,
  lane: boolean,
  rel: ReliabilityOptions,
  opt: { chunkRows: number; blockBytes: number; missing?: MissingCodes; by: string[] },
): Outcome {
  const types: Record<string, 'number' | 'text'> = { ...Object.fromEntries(ITEMS.map((i) => [i, 'number' as const])) };
  for (const g of opt.by) types[g] = 'text';
  const layout = openCsvLayout(file, { columns: [...ITEMS, ...opt.by], types, delimiter: delim, missing: opt.missing });
  const reliability = reliabilityInit(KEYS, rel);
  const describe = describeInit(KEYS, { by: opt.by, minGroupSize: 0, min: rel.min, max: rel.max });
  const scores: (number | null)[][] = KEYS.scales.map(() => []);
  const keep = (s: number, values: ArrayLike<number>, first: number) => {
    for (let r = 0; r < values.length; r++) scores[s][first + r] = Number.isNaN(values[r]) ? null : values[r];
  };
  const min = rel.min ?? 1;
  const max = rel.max ?? 5;
  const add = (chunk: Table) => {
    reliabilityAdd(reliability, chunk);
    describeAdd(describe, chunk);
    const { scores: sc } = scoreChunk(chunk, KEYS, { min, max, impute: {} }, { impute: 'none' });
    sc.forEach((v, s) => keep(s, v, chunk.firstRow));
  };
  const options: RangeScanOptions = {
    types: layout.selected.map((j) => types[layout.names[j]]),
    declared: layout.selected.map(() => true),
    missing: opt.missing,
    chunkRows: opt.chunkRows,
    blockBytes: opt.blockBytes,
    reuse: true,
    onChunk: add,
  };
  const range = { start: layout.dataStart, end: layout.size, firstRow: 0, firstLine: layout.firstDataLine };
  let laneRows = 0;
  try {
    if (lane) {
      const consumer = codedScales(KEYS, {
        reliability,
        describe,
        scores: { min, max, take: (v, n, chunk) => v.forEach((x, s) => keep(s, x.subarray(0, n), chunk.firstRow)) },
      })!;
      scanRangeCoded(layout, range, options, { ...consumer, add: (chunk) => ((n) => ((laneRows += n), n))(consumer.add(chunk)) });
    } else {
      scanCsvRange(layout, range, options);
    }
    reliabilityFold(reliability);
    return { reliability: reliabilityValue(reliability, 'keys.json'), describe: describeValue(describe), scores, laneRows };
  } catch (e) {
    return { error: (e as Error).message, laneRows };
  }
}

/** Largest relative difference between two results' numbers (Infinity when their shapes or texts differ). */
function maxDiff(a: unknown, b: unknown, path = ''): { diff: number; where: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return { diff: Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity, where: path };
    return { diff: a === b ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(b)), where: path };
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let worst = { diff: 0, where: path };
    for (const k of keys) {
      const d = maxDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d.diff > worst.diff) worst = d;
    }
    return worst;
  }
  return { diff: a === b ? 0 : Infinity, where: path };
}

test('the lane gives the results of the JavaScript path on 160 generated files with rows it must refuse', () => {
  const rng = createRng(20261123);
  let rowsCompared = 0;
  let laneRows = 0;
  let errors = 0;
  for (let f = 0; f < 160; f++) {
    const delim = rng.pick([',', ';', '\t']);
    const shape: Shape = {
      delim,
      eol: rng.pick(['\n', '\r\n']),
      odd: rng.pick([0, 0.002, 0.02, 0.2]),
      rows: rng.pick([0, 1, 7, 50, 400, 1500]),
      trailingNewline: rng.uniform() < 0.8,
      top: rng.pick([5, 5, 6, 9]),
      valid: rng.uniform() < 0.6,
    };
    const file = tmpFile(`lane-${f}.csv`, generate(rng, shape));
    const rel: ReliabilityOptions = rng.pick([{}, { min: 1, max: 5 }, { patterns: true }, { missing: 'listwise', patterns: true }, { patterns: false }]);
    const opt = {
      chunkRows: rng.pick([4, 16, 100, 65536]),
      blockBytes: rng.pick([64, 1000, 1 << 20]),
      missing: rng.pick([undefined, { all: ['-99'] }]),
      // one group column (its own lookup in describeCoded) or two (the general one), one with long values
      by: rng.pick([['site'], ['site'], ['site', 'note']]),
    };
    const js = run(file, delim, false, rel, opt);
    const wasm = run(file, delim, true, rel, opt);
    const label = `file ${f} ${JSON.stringify({ ...shape, rel, opt })}`;
    if (js.error !== undefined || wasm.error !== undefined) {
      errors++;
      assert.equal(wasm.error, js.error, label);
      continue;
    }
    assert.deepEqual(wasm.scores, js.scores, `scores, ${label}`);
    for (const part of ['reliability', 'describe'] as const) {
      const { diff, where } = maxDiff(wasm[part], js[part]);
      assert.ok(diff <= 1e-12, `${part}${where}: relative difference ${diff} (tolerance 1e-12), ${label}`);
    }
    rowsCompared += shape.rows;
    laneRows += wasm.laneRows;
  }
  // Most rows went through the lane, and enough files had errors to compare their messages.
  assert.ok(errors > 5 && rowsCompared > 10000 && laneRows > rowsCompared / 3, `errors ${errors}, rows compared ${rowsCompared}, through the lane ${laneRows}`);
});

test('the lane is not used where it could change a value', () => {
  const file = tmpFile('lane-eligible.csv', 'id,site,q1\n1,S1,3\n');
  const layout = (missing?: MissingCodes) => openCsvLayout(file, { columns: ['q1', 'site'], types: { q1: 'number', site: 'text' }, missing });
  const consumer = { items: ['q1'], groups: ['site'], add: () => 0 };
  const opt = { types: ['number', 'text'] as const, declared: [true, true], chunkRows: 16, blockBytes: 1024 };
  assert.ok(codedReaderFor(layout(), consumer, { ...opt, types: [...opt.types] }));
  // a digit as a missing-value code of an item
  assert.equal(codedReaderFor(layout({ all: ['9'] }), consumer, { ...opt, types: [...opt.types], missing: { all: ['9'] } }), null);
  // a type inferred, not declared
  assert.equal(codedReaderFor(layout(), consumer, { ...opt, types: [...opt.types], declared: [true, false] }), null);
  // a column read that the consumer does not take
  assert.equal(codedReaderFor(layout(), { ...consumer, groups: [] }, { ...opt, types: [...opt.types] }), null);
});

test('a parallel survey scan through the lane equals the sequential one (2 threads, small pieces)', async () => {
  const rng = createRng(7);
  const file = tmpFile('lane-par.csv', generate(rng, { delim: ',', eol: '\n', odd: 0.01, rows: 6000, trailingNewline: true, top: 5, valid: true }));
  const keys: Keys = KEYS;
  const args = { keys, reliability: { patterns: true }, describe: { by: ['site'], minGroupSize: 0 } };
  const types = { ...Object.fromEntries(ITEMS.map((i) => [i, 'number' as const])), site: 'text' as const };
  const csv = { columns: [...ITEMS, 'site'], types, chunkRows: 500 };
  const seq = await scanCsvParallel<SurveyTaskState>(file, csv, { module: new URL('../../src/survey/survey-task.ts', import.meta.url), args, createTask }, mergeSurveyStates, { workers: 1 });
  const par = await scanCsvParallel<SurveyTaskState>(file, csv, { module: new URL('../../src/survey/survey-task.ts', import.meta.url), args, createTask }, mergeSurveyStates, { workers: 2, minBytes: 0 });
  for (const [a, b] of [
    [reliabilityValue(par.reliability!, 'k'), reliabilityValue(seq.reliability!, 'k')],
    [describeValue(par.describe!), describeValue(seq.describe!)],
  ]) {
    const { diff, where } = maxDiff(a, b);
    assert.ok(diff <= 1e-12, `${where}: relative difference ${diff} (tolerance 1e-12)`);
  }
});

test('the lane gives way to the JavaScript path beyond its limits: many groups, a full dictionary, a long scale', () => {
  // 70,000 rows: two grouping columns of 300 values each (90,000 combinations: past MAX_LANE_GROUPS after the
  // first chunk), then a column of 5,000 distinct values (past the lane's 4,096-value dictionary).
  const rng = createRng(11);
  const lines = ['id,a,b,c,' + ITEMS.join(',')];
  for (let r = 0; r < 70000; r++) {
    const items = ITEMS.map(() => (rng.uniform() < 0.05 ? '' : String(rng.int(1, 5))));
    lines.push(`${r},a${r % 300},b${Math.floor(r / 300) % 300},c${r % 5000},${items.join(',')}`);
  }
  const file = tmpFile('lane-limits.csv', lines.join('\n') + '\n');
  for (const by of [['a', 'b'], ['c']]) {
    const opt = { chunkRows: 65536, blockBytes: 1 << 20, by };
    const js = run(file, ',', false, {}, opt);
    const wasm = run(file, ',', true, {}, opt);
    assert.equal(wasm.error, undefined);
    assert.deepEqual(wasm.scores, js.scores);
    for (const part of ['reliability', 'describe'] as const) {
      const { diff, where } = maxDiff(wasm[part], js[part]);
      assert.ok(diff <= 1e-12, `by ${by}: ${part}${where}: relative difference ${diff} (tolerance 1e-12)`);
    }
    assert.ok(wasm.laneRows > 0 && wasm.laneRows < 70000, `by ${by}: ${wasm.laneRows} rows through the lane`);
  }
  // A scale longer than the lane's kernels take gets no consumer: the scan is the JavaScript one.
  const long = parseKeys(JSON.stringify({ long: Array.from({ length: 70 }, (_, i) => `x${i}`) }), 'long.json');
  assert.equal(codedScales(long, { describe: describeInit(long, { by: ['site'] }) }), undefined);
});
