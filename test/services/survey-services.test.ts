/**
 * The survey services as a library user or an HTTP handler calls them: plain options in, result objects out.
 * Numbers are checked against R's psych (test/fixtures/r/cli-demo.R on the bundled demo survey); errors are the
 * one StaffwellError shape, naming the option.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectClose } from '../helpers/expect-close.ts';
import { USER_NORM, userInstrumentYaml } from '../helpers/user-definitions.ts';
import { StaffwellError } from '../../src/errors.ts';
import { parseKeys } from '../../src/psych/keys.ts';
import { concatTables, requireNumeric, textAt, type Table, type TextColumn } from '../../src/data/table.ts';
import { surveyRead } from '../../src/services/survey-read.ts';
import { surveyScore } from '../../src/services/survey-score.ts';
import { surveyReliability } from '../../src/services/survey-reliability.ts';
import { surveyDescribe } from '../../src/services/survey-describe.ts';
import { studyResults, studyRun } from '../../src/services/study-run.ts';
import { instrumentCheck, instrumentList, instrumentShow } from '../../src/services/instruments.ts';
import { normCheck, normList, normShow } from '../../src/services/norms.ts';
import { studyResultsJson } from '../../src/study/write-study-results.ts';
import { factorAnalysisJson, omegaJson, readItems } from '../../src/services/factor-analysis.ts';

const SURVEY = 'examples/demo-survey.csv';
const KEYS = 'examples/hse-keys.json';
const R = JSON.parse(readFileSync('test/fixtures/r/cli-demo.json', 'utf8'));
const TOL = { abs: 1e-9 };
const input = { keys: parseKeys(readFileSync(KEYS, 'utf8'), KEYS), read: { missing: { all: ['-99'] } } };

function optionError(field: string) {
  return (e: unknown) => e instanceof StaffwellError && e.code === 'invalid-option' && e.location.field === field;
}

test('surveyRead: the table and, per column, its kind and missing cells (empty and declared codes)', async () => {
  const r = await surveyRead(SURVEY, input.read);
  const lines = readFileSync(SURVEY, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  assert.equal(r.format, 'csv');
  assert.equal(r.rows, lines.length - 1);
  assert.equal(r.table.nrows, r.rows);
  assert.deepEqual(r.columns.map((c) => c.name), lines[0]);
  assert.equal(r.columns.find((c) => c.name === 'staff_id')!.kind, 'text');
  assert.equal(r.columns.find((c) => c.name === 'hse_1')!.kind, 'number');
  // missing counted from the file's text: an empty field or -99
  lines[0].forEach((name, j) => {
    const expected = lines.slice(1).filter((cells) => cells[j] === '' || cells[j] === '-99').length;
    assert.equal(r.columns[j].missing, expected, `${name}: actual ${r.columns[j].missing}, expected ${expected}`);
  });
  const sav = await surveyRead('test/fixtures/cli/demo-survey.sav');
  assert.equal(sav.format, 'sav');
  assert.equal(sav.rows, r.rows);
});

test('surveyScore: psych::scoreItems(impute = "none") scores with the id column, as one table or chunk by chunk', async () => {
  const whole = await surveyScore(SURVEY, { ...input, id: 'staff_id', impute: 'none' });
  const t = whole.table!;
  assert.equal(whole.rows, R.ids.length);
  assert.deepEqual(whole.columns, ['staff_id', ...Object.keys(R.scores)]);
  for (let r = 0; r < t.nrows; r++) assert.equal(textAt(t.columns[0] as TextColumn, r), R.ids[r]);
  for (const name of Object.keys(R.scores)) {
    const got = requireNumeric(t, name).values;
    R.scores[name].forEach((e: number | null, r: number) => expectClose(got[r], e, { abs: 1e-12 }, `row ${r + 2} ${name}`));
  }
  // Streamed in chunks of 64 rows: the same scores, in file order.
  const chunks: Table[] = [];
  const streamed = await surveyScore(SURVEY, {
    ...input,
    read: { ...input.read, chunkRows: 64 },
    id: 'staff_id',
    impute: 'none',
    // a chunk's arrays are reused for the next one: keep copies
    onChunk: (c) => chunks.push({ ...c, columns: c.columns.map((col) => (col.kind === 'number' ? { ...col, values: col.values.slice() } : { ...col, codes: col.codes.slice() })) }),
  });
  assert.equal(streamed.table, undefined);
  assert.ok(chunks.length > 1, `${chunks.length} chunks`);
  const joined = concatTables(chunks);
  for (const name of Object.keys(R.scores)) assert.deepEqual(requireNumeric(joined, name).values, requireNumeric(t, name).values, name);
  assert.equal(whole.constants.min, 1);
  assert.equal(whole.constants.max, 5);
});

test('surveyScore: a bad range is an option error; a failed run leaves no output file', async () => {
  await assert.rejects(surveyScore(SURVEY, { ...input, min: 1 }), optionError('max'));
  await assert.rejects(surveyScore(SURVEY, { ...input, min: 5, max: 1 }), optionError('min'));
  const dir = mkdtempSync(join(tmpdir(), 'sw-svc-'));
  const out = join(dir, 'scores.csv');
  // 2..4 excludes answers of 1 and 5: an out-of-range error naming a line, after the writer was opened
  await assert.rejects(surveyScore(SURVEY, { ...input, min: 2, max: 4, impute: 'none', out }), (e: unknown) => e instanceof StaffwellError && e.location.line !== undefined);
  assert.equal(existsSync(out), false);
});

test('surveyReliability: psych::alpha and scoreItems alpha of every scale', async () => {
  const r = await surveyReliability(SURVEY, { ...input, min: 1, max: 5 });
  assert.deepEqual(Object.keys(r), ['scales', 'warnings']);
  assert.equal(r.scales.length, R.reliability.length);
  r.scales.forEach((s, i) => {
    const e = R.reliability[i];
    assert.equal(s.name, e.name);
    assert.equal(s.n_complete, e.n_complete);
    for (const f of ['raw_alpha', 'std_alpha', 'g6', 'average_r', 'median_r', 'signal_noise', 'ase', 'mean', 'sd', 'scoreitems_alpha'] as const) {
      expectClose(s[f] as number, e[f], TOL, `${s.name} ${f}`);
    }
    s.item_stats.forEach((it, j) => expectClose(it.alpha_if_dropped, e.item_stats.alpha_if_dropped[j], TOL, `${s.name} ${it.item} alpha if dropped`));
  });
  await assert.rejects(surveyReliability(SURVEY, { ...input, max: 5 }), optionError('min'));
});

test('surveyDescribe: per-site means of the scale scores as R computes them, small sites suppressed', async () => {
  const d = await surveyDescribe(SURVEY, { ...input, by: ['site'], min: 1, max: 5 });
  for (const e of R.by_site) {
    const g = d.groups.find((x) => x.by.site === e.site)!;
    assert.ok(g, e.site);
    if (g.suppressed) continue;
    assert.equal(g.n, e.n);
    for (const [name, s] of Object.entries<any>(e.scales)) {
      for (const f of ['mean', 'sd', 'se'] as const) expectClose(g.scales[name][f] as number, s[f], TOL, `${e.site} ${name} ${f}`);
    }
  }
  assert.equal(d.groups.filter((g) => g.suppressed).length, 2);
  await assert.rejects(surveyDescribe(SURVEY, { ...input, by: ['site'], minGroupSize: 0 }), optionError('minGroupSize'));
});

test('studyRun: writes results.json, summary.txt and scored.csv beside the study by default; studyResults writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-svc-study-'));
  const study = join(dir, 'study.json');
  writeFileSync(
    study,
    JSON.stringify({
      name: 'services test',
      data: { file: resolve(SURVEY), missing: ['-99'], id: 'staff_id' },
      instruments: [{ name: 'swemwbs', instrument: 'swemwbs', items: 'swemwbs_{n}' }],
      analyses: [{ id: 'd', type: 'describe', scores: ['swemwbs.raw_total'] }],
    }),
  );
  const run = await studyRun(study);
  assert.equal(run.outDir, join(dir, 'results'));
  assert.deepEqual(run.files, ['results.json', 'summary.txt', 'scored.csv'].map((f) => join(dir, 'results', f)));
  assert.equal(readFileSync(run.files[0], 'utf8'), studyResultsJson(run.results));
  assert.equal(studyResultsJson(await studyResults(study)), studyResultsJson(run.results));
  assert.equal(studyResultsJson(await studyResults(run.study)), studyResultsJson(run.results));
  const none = await studyRun(study, { out: join(dir, 'none'), scored: [] });
  assert.equal(none.files.length, 2);
  await assert.rejects(studyRun(study, { scored: ['xls' as 'csv'] }), optionError('scored'));
});

test('instruments and norms: lists, lookups by id, and checks of a user file', () => {
  const verified = instrumentList();
  const all = instrumentList({ all: true });
  assert.ok(verified.every((d) => d.verification.verified));
  assert.ok(all.length > verified.length);
  assert.equal(instrumentShow('ghq12').id, 'ghq12');
  assert.throws(() => instrumentShow('ghq'), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found');
  const dir = mkdtempSync(join(tmpdir(), 'sw-svc-lib-'));
  const def = join(dir, 'mine.yaml');
  writeFileSync(def, userInstrumentYaml('[a, c]'));
  assert.throws(() => instrumentCheck(def), (e: unknown) => e instanceof StaffwellError && e.location.field === 'subscales[1].items[2]');
  writeFileSync(def, userInstrumentYaml());
  assert.equal(instrumentCheck(def).id, 'mine');

  const ghq = normList({ instrument: 'ghq12' });
  assert.ok(ghq.length > 0 && ghq.every((n) => n.instrument === 'ghq12'));
  assert.ok(normList().length > ghq.length);
  assert.equal(normShow(ghq[0].id), ghq[0]);
  assert.throws(() => normShow('nope'), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found');
  const norms = join(dir, 'norms.json');
  writeFileSync(norms, JSON.stringify([USER_NORM]));
  assert.equal(normCheck(norms)[0].id, 'x');
  writeFileSync(norms, JSON.stringify([{ ...USER_NORM, sd: -1 }]));
  assert.throws(() => normCheck(norms), (e: unknown) => e instanceof StaffwellError && e.location.field === 'norms[1].sd');
});

test('factor services: option errors name the library option (items, nfactors, scale), not a CLI flag', async () => {
  const cols = ['hse_1', 'hse_2', 'hse_3'];
  const items = await readItems(SURVEY, { items: cols }, input.read);
  assert.throws(() => factorAnalysisJson(items, { nfactors: 3 }), optionError('nfactors'));
  assert.throws(() => omegaJson(items, { nfactors: 0 }), optionError('nfactors'));
  await assert.rejects(readItems(SURVEY, { items: ['hse_1'] }, input.read), optionError('items'));
  await assert.rejects(readItems(SURVEY, { keys: input.keys, scale: 'nope' }, input.read), optionError('scale'));
});
