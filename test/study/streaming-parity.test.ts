import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import { runStudyStreaming } from '../../src/study/plan/run-streaming.ts';
import { studyResultsJson } from '../../src/study/write-study-results.ts';
import { createRng } from '../../scripts/random.ts';
import { makeStudyData, writeStudy } from '../../bench/make-study-data.ts';

/**
 * The streaming runner (src/study/plan/) against the in-memory runner, which stays the reference: every number of
 * results.json compared. Counts and sizes (integers under count-like keys) must be equal; every other number within
 * 1e-12 of the in-memory value (relative to max(1, |value|)); strings, nulls and the structure identical. Streamed
 * in chunks of a few rows and over worker threads, so that merges of every accumulator are exercised.
 */
const COUNT_KEYS = /^(n|rows|count|counts|events|n_scored|n_missing|n_items|columns|dropped|df_null|df_residual|iterations|x|y|cases)$/;
const TOL = 1e-12;

function compare(a: unknown, b: unknown, path: string, key: string, out: { maxDiff: number; problems: string[] }): void {
  if (typeof b === 'number' && typeof a === 'number') {
    if (COUNT_KEYS.test(key) && Number.isInteger(b)) {
      if (a !== b) out.problems.push(`${path}: ${a} (streaming) != ${b} (in memory)`);
      return;
    }
    const d = Math.abs(a - b) / Math.max(1, Math.abs(b));
    if (d > out.maxDiff) out.maxDiff = d;
    if (!(d <= TOL)) out.problems.push(`${path}: ${a} (streaming) vs ${b} (in memory), difference ${d.toExponential(2)}`);
    return;
  }
  if (Array.isArray(b) && Array.isArray(a)) {
    if (a.length !== b.length) out.problems.push(`${path}: length ${a.length} vs ${b.length}`);
    else b.forEach((x, i) => compare(a[i], x, `${path}[${i}]`, key, out));
    return;
  }
  if (b && typeof b === 'object' && a && typeof a === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) out.problems.push(`${path}: keys ${ka.join(',')} vs ${kb.join(',')}`);
    for (const k of kb) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, k, out);
    return;
  }
  if (a !== b) out.problems.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

async function parity(file: string, options: Parameters<typeof runStudyStreaming>[1] = {}, expectLane?: (laneRows: number, rows: number) => void): Promise<number> {
  const study = loadStudy(file);
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: undefined }), (error: Error) => ({ value: undefined, error }));
  const s = await settle(runStudyStreaming(study, options));
  const m = await settle(runStudy(study, { inMemory: true }));
  if (m.error || s.error) {
    // the same user-facing error from both
    assert.equal(s.error?.message, m.error?.message);
    return 0;
  }
  const streamed = s.value;
  assert.ok(streamed, 'every analysis has a plan');
  const memory = m.value!;
  expectLane?.(streamed.engine!.lane_rows!, streamed.data.rows);
  const out = { maxDiff: 0, problems: [] as string[] };
  compare(JSON.parse(studyResultsJson(streamed)), JSON.parse(studyResultsJson(memory)), 'results', '', out);
  assert.deepEqual(out.problems.slice(0, 20), [], `${file}: ${out.problems.length} difference(s)`);
  return out.maxDiff;
}

const EXAMPLES = [
  'examples/pals/study.yaml',
  'examples/imaging/study.yaml',
  'examples/pwp/study.yaml',
  'test/fixtures/study/benchmark-study.yaml',
  'test/fixtures/study/norm-means-study.yaml',
];

for (const file of EXAMPLES) {
  test(`streaming = in memory: ${file} (one chunk, and chunks of 37 rows)`, async () => {
    const d1 = await parity(file);
    const d2 = await parity(file, { chunkRows: 37 });
    console.log(`# ${file}: max relative difference ${Math.max(d1, d2).toExponential(2)}`);
  });
}

test('streaming = in memory: examples/pals over two threads in small chunks', async () => {
  const d = await parity('examples/pals/study.yaml', { workers: 2, parallelMinBytes: 0, chunkRows: 29 });
  console.log(`# pals, 2 threads: max relative difference ${d.toExponential(2)}`);
});

/** A generated survey of `n` rows with every kind of variable the analyses read, and a study over it. */
function generatedStudy(seed: number, n: number, lateText?: number): string {
  const rng = createRng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'sw-parity-'));
  const header = ['id', 'unit', 'grade', 'left', 'age', 'hours'];
  for (let i = 1; i <= 35; i++) header.push(`hse_${i}`);
  for (let i = 1; i <= 12; i++) header.push(`ghq_${i}`);
  for (let i = 1; i <= 6; i++) header.push(`brs_${i}`);
  const units = ['North', 'South', 'East', 'West', 'Tiny'];
  const lines = [header.join(',')];
  for (let r = 0; r < n; r++) {
    const u = rng.uniform() < 0.02 ? 4 : rng.int(0, 3);
    const z = rng.normal() + u * 0.15;
    const row: (string | number)[] = [
      rng.uniform() < 0.01 ? '' : `P${seed}-${r}`,
      rng.uniform() < 0.03 ? '' : units[u],
      rng.uniform() < 0.05 ? '' : rng.int(1, 4),
      rng.uniform() < 0.04 ? '' : rng.uniform() < 1 / (1 + Math.exp(0.5 + z)) ? 1 : 0,
      rng.uniform() < 0.05 ? '' : Math.round(40 + 10 * rng.normal()),
      r === lateText ? 'unknown' : rng.uniform() < 0.05 ? '' : (30 + 5 * rng.normal() + 2 * z).toFixed(2),
    ];
    for (let i = 1; i <= 35; i++) row.push(rng.uniform() < 0.03 ? '' : Math.min(5, Math.max(1, Math.round(3 + 0.9 * z + rng.normal()))));
    for (let i = 1; i <= 12; i++) row.push(rng.uniform() < 0.03 ? '' : Math.min(3, Math.max(0, Math.round(1 - 0.7 * z + rng.normal()))));
    for (let i = 1; i <= 6; i++) row.push(rng.uniform() < 0.03 ? '' : Math.min(5, Math.max(1, Math.round(3 + 0.5 * z + rng.normal()))));
    lines.push(row.join(','));
  }
  writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'study.yaml'),
    `name: generated ${seed}
data: { file: data.csv, id: id, groups: [unit, grade] }
suppression: { minGroup: ${5 + (seed % 7)} }
instruments:
  - { name: ghq, instrument: ghq12, items: "ghq_{n}", codes: [0, 1, 2, 3] }
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}" }
  - { name: brs, instrument: brs, items: "brs_{n}" }
analyses:
  - { type: describe, scores: [hse.*, ghq.total, brs.total, hours, age] }
  - { type: describe, scores: [hse.demands, brs.total, hours], by: [unit, grade] }
  - { type: describe, scores: [ghq.total], by: [ghq.caseness] }
  - { type: reliability, instrument: hse }
  - { type: reliability, instrument: ghq, missing: listwise }
  - { type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-trust-staff-wall-1997, ghq-mh-social-workers-evans-2006] }
  - { type: norm-means, score: brs.total, norms: [brs-mixed-sample-smith-2013] }
  - { type: compare-groups, score: hse.control, by: unit }
  - { type: compare-groups, score: hours, by: unit, test: anova }
  - { type: compare-groups, score: brs.total, by: ghq.caseness }
  - { type: compare-groups, score: ghq.total, by: left, test: mann-whitney }
  - { type: compare-groups, score: hse.demands, by: grade, test: kruskal }
  - { type: compare-groups, score: hours, by: left, test: t }
  - { type: correlation, scores: [hse.*, ghq.total, hours, age] }
  - { type: correlation, scores: [hse.demands, brs.total, hours], method: spearman }
  - { type: regression, outcome: ghq.total, predictors: [hse.demands, hse.control, unit, hours] }
  - { type: regression, outcome: hours, predictors: [hse.demands, hse.control, hse.managers_support, hse.peer_support, hse.relationships, hse.role, hse.change, grade, ghq.caseness] }
  - { type: logistic, outcome: ghq.caseness, event: case, predictors: [hse.demands, hse.role, unit] }
  - { type: logistic, outcome: left, predictors: [hours, brs.total, grade] }
  - { type: crosstab, rows: ghq.caseness, cols: unit }
  - { type: crosstab, rows: left, cols: ghq.caseness }
  - { type: crosstab, rows: grade, cols: unit, test: chisq }
  - { type: crosstab, rows: left, cols: ghq.caseness, test: fisher }
  - { type: correlation, scores: [hse.demands, hours], method: kendall }
  - { type: proportion, variable: ghq.caseness, level: case, p: 0.3 }
  - { type: proportion, variable: ghq.caseness, level: case, by: unit, correct: false }
  - { type: one-sample, score: brs.total, mu: 3, test: wilcoxon }
  - { type: paired, x: hse.demands, y: hse.control }
  - { type: goodness-of-fit, variable: grade }
`,
  );
  return join(dir, 'study.yaml');
}

test('streaming = in memory: the same error where the data make an analysis impossible', async () => {
  // a two-group test on a variable with more than two groups fails in both
  const file = generatedStudy(3, 90);
  writeFileSync(file, readFileSync(file, 'utf8') + '  - { type: compare-groups, score: hours, by: unit, test: t }\n');
  await assert.rejects(runStudy(loadStudy(file), { inMemory: true }), /compares exactly two groups/);
  await parity(file, { chunkRows: 7 });
});

test('streaming = in memory: a number column with text past the first chunk is read again as text (the same error)', async () => {
  // `hours` reads as numbers in the first 65,536 rows; its text on row 68,000 makes it a text column in both runners
  const file = generatedStudy(5, 70000, 68000);
  await assert.rejects(runStudy(loadStudy(file), { inMemory: true }), /holds categories where numbers are needed/);
  await parity(file);
});

for (const [seed, n] of [
  [1, 400],
  [2, 1500],
  [3, 250],
] as const) {
  test(`streaming = in memory: generated study ${seed} (${n} rows; chunks of 61 rows; and two threads)`, async () => {
    const file = generatedStudy(seed, n);
    const d1 = await parity(file, { chunkRows: 61 });
    const d2 = await parity(file, { workers: 2, parallelMinBytes: 0, chunkRows: 113 });
    console.log(`# generated ${seed}: max relative difference ${Math.max(d1, d2).toExponential(2)}`);
  });
}

test('streaming = in memory through the coded lane: the study benchmark\'s shape (one-digit codes; GHQ-12 counted row by row, the HSE domains as pattern counts; a group label with a space, which the lane leaves to the JavaScript parser; an answer outside the codes)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-parity-lane-'));
  const file = join(dir, 'pals-3k.csv');
  makeStudyData(3000, file);
  // rows the lane refuses: a group label with a space (a level of its own in both runners)
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[700] = lines[700].replace(/,site(\d)/, ',site $1');
  lines[1900] = lines[1900].replace(/,site(\d)/, ',site $1');
  writeFileSync(file, lines.join('\n'));
  const { study } = writeStudy(file);
  const lane = (min: number) => (laneRows: number, rows: number) => assert.ok(laneRows >= min && laneRows < rows, `${laneRows} of ${rows} rows through the lane`);
  const d1 = await parity(study, { chunkRows: 61 }, lane(2500));
  const d2 = await parity(study, { workers: 2, parallelMinBytes: 0, chunkRows: 113 }, lane(2500));
  const d3 = await parity(study, { engine: 'js' }, (laneRows) => assert.equal(laneRows, 0));
  console.log(`# benchmark shape through the lane: max relative difference ${Math.max(d1, d2, d3).toExponential(2)}`);
  // a code no instrument has: the same error from both, naming its line
  lines[2400] = lines[2400].replace(/,(\d)$/, ',7');
  writeFileSync(file, lines.join('\n'));
  await assert.rejects(runStudy(loadStudy(study), { inMemory: true }), /line 2401/);
  await parity(study, { chunkRows: 61 });
});

test('the coded lane = the JavaScript path (STAFFWELL_ENGINE=js), to the bit: missing answers, reversed items, group columns; one thread and two, chunks of many rows and of a few', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-lane-js-'));
  const file = join(dir, 'pals-4k.csv');
  makeStudyData(4000, file); // ~2% of answers empty; HSE demands and relationships reversed; site and role groups
  const { study } = writeStudy(file);
  const s = loadStudy(study);
  for (const options of [{}, { chunkRows: 97 }, { workers: 2, parallelMinBytes: 0, chunkRows: 1500 }]) {
    const lane = (await runStudyStreaming(s, options))!;
    const js = (await runStudyStreaming(s, { ...options, engine: 'js' }))!;
    assert.equal(lane.engine!.lane_rows, 4000, `every row through the lane (${JSON.stringify(options)})`);
    assert.equal(js.engine!.lane_rows, 0);
    // every number to the bit: the JSON texts are equal
    assert.equal(studyResultsJson(lane), studyResultsJson(js), `lane vs js, ${JSON.stringify(options)}`);
  }
});
