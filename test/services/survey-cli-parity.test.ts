/**
 * The survey commands are thin layers over the services: what each command prints (run in-process) is the
 * service's result, formatted. Byte for byte, on the bundled demo survey and example studies.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRegistered } from '../helpers/run-registered.ts';
import { parseKeys } from '../../src/psych/keys.ts';
import { formatCsv } from '../../src/data/csv-write.ts';
import { surveyScore } from '../../src/services/survey-score.ts';
import { surveyReliability } from '../../src/services/survey-reliability.ts';
import { surveyDescribe } from '../../src/services/survey-describe.ts';
import { studyRun } from '../../src/services/study-run.ts';
import { instrumentList, instrumentShow } from '../../src/services/instruments.ts';
import { normList, normShow } from '../../src/services/norms.ts';
import { studyResultsJson } from '../../src/study/write-study-results.ts';
import { formatStudySummary } from '../../src/study/format-study-summary.ts';
import { formatJson } from '../../src/cli/format-json.ts';
import { formatDescribe, formatReliability } from '../../src/cli/format-survey.ts';
import { formatInstrument, formatInstrumentList } from '../../src/cli/format-instruments.ts';
import { formatNorm, formatNormList } from '../../src/cli/format-norms.ts';
import { register as score } from '../../src/cli/commands/score.ts';
import { register as reliability } from '../../src/cli/commands/reliability.ts';
import { register as describe } from '../../src/cli/commands/describe.ts';
import { register as run } from '../../src/cli/commands/run.ts';
import { register as instruments } from '../../src/cli/commands/instruments.ts';
import { register as norms } from '../../src/cli/commands/norms.ts';

const SURVEY = 'examples/demo-survey.csv';
const KEYS = 'examples/hse-keys.json';
const input = { keys: parseKeys(readFileSync(KEYS, 'utf8'), KEYS), read: { missing: { all: ['-99'] } } };
const common = [SURVEY, '--scales', KEYS, '--na=-99'];

test('score: the CLI prints the service\'s scores as CSV (median imputation, id first; totals over a given range)', async () => {
  const a = await surveyScore(SURVEY, { ...input, id: 'staff_id' });
  assert.equal(await runRegistered(score, ['score', ...common, '--id', 'staff_id']), formatCsv(a.table!));
  assert.deepEqual(a.columns, ['staff_id', ...input.keys.scales.map((s) => s.name)]);
  assert.equal(a.rows, 300);
  const b = await surveyScore(SURVEY, { ...input, totals: true, min: 1, max: 5, impute: 'mean', minAnswered: { fraction: 0.5 } });
  assert.equal(await runRegistered(score, ['score', ...common, '--totals', '--min', '1', '--max', '5', '--impute', 'mean', '--min-answered', '50%']), formatCsv(b.table!));
  // --out: the same bytes in the file
  const dir = mkdtempSync(join(tmpdir(), 'sw-svc-score-'));
  const out = join(dir, 'scores.csv');
  const c = await surveyScore(SURVEY, { ...input, id: 'staff_id', out });
  assert.equal(c.out, out);
  assert.equal(c.table, undefined);
  assert.equal(readFileSync(out, 'utf8'), formatCsv(a.table!));
});

test('reliability: the CLI prints the service\'s result, as text and as JSON', async () => {
  const r = await surveyReliability(SURVEY, { ...input, min: 1, max: 5 });
  assert.equal(await runRegistered(reliability, ['reliability', ...common, '--min', '1', '--max', '5', '--json']), formatJson(r));
  assert.equal(await runRegistered(reliability, ['reliability', ...common, '--min', '1', '--max', '5']), formatReliability(r.scales, r.warnings, 'pairwise'));
  const l = await surveyReliability(SURVEY, { ...input, missing: 'listwise', impute: 'mean', correlation: 'pairwise' });
  assert.equal(
    await runRegistered(reliability, ['reliability', ...common, '--missing', 'listwise', '--impute', 'mean', '--correlation', 'pairwise']),
    formatReliability(l.scales, l.warnings, 'listwise'),
  );
});

test('describe: the CLI prints the service\'s result, as text and as JSON', async () => {
  const d = await surveyDescribe(SURVEY, { ...input, by: ['site'], min: 1, max: 5 });
  assert.equal(await runRegistered(describe, ['describe', ...common, '--by', 'site', '--min', '1', '--max', '5']), formatDescribe(d, ['site'], 10));
  const e = await surveyDescribe(SURVEY, { ...input, by: ['site', 'role'], minGroupSize: 5, minAnswered: { count: 3 } });
  assert.equal(await runRegistered(describe, ['describe', ...common, '--by', 'site,role', '--min-group', '5', '--min-answered', '3', '--json']), formatJson(e));
});

test('run: the CLI prints the results and the files the service wrote (--scored csv,sav and none)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-svc-run-'));
  const viaService = await studyRun('examples/pwp/study.yaml', { out: join(dir, 'service'), scored: ['csv', 'sav'] });
  assert.deepEqual(viaService.files.map((f) => f.slice(join(dir, 'service').length)), ['/results.json', '/summary.txt', '/scored.csv', '/scored.sav']);
  const printed = await runRegistered(run, ['run', 'examples/pwp/study.yaml', '--out', join(dir, 'cli'), '--scored', 'csv,sav']);
  const files = viaService.files.map((f) => f.replace(join(dir, 'service'), join(dir, 'cli')));
  assert.equal(printed, formatStudySummary(viaService.results) + `\nWrote ${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}\n`);
  for (const [a, b] of viaService.files.map((f, i) => [f, files[i]])) assert.ok(readFileSync(a).equals(readFileSync(b)), b);
  const none = await studyRun('examples/imaging/study.yaml', { out: join(dir, 'imaging'), scored: [] });
  assert.equal(none.files.length, 2);
  assert.equal(await runRegistered(run, ['run', 'examples/imaging/study.yaml', '--out', join(dir, 'imaging-cli'), '--scored', 'none', '--json']), studyResultsJson(none.results));
});

test('instruments and norms: the CLI prints what the services return', async () => {
  assert.equal(await runRegistered(instruments, ['instruments', 'list']), formatInstrumentList(instrumentList(), false));
  assert.equal(await runRegistered(instruments, ['instruments', 'list', '--all', '--json']), formatJson(instrumentList({ all: true })));
  assert.equal(await runRegistered(instruments, ['instruments', 'show', 'ghq12']), formatInstrument(instrumentShow('ghq12')));
  assert.equal(await runRegistered(norms, ['norms', 'list', '--instrument', 'ghq12']), formatNormList(normList({ instrument: 'ghq12' })));
  assert.ok(normList({ instrument: 'ghq12' }).every((n) => n.instrument === 'ghq12'));
  const first = normList()[0];
  assert.equal(await runRegistered(norms, ['norms', 'show', first.id, '--json']), formatJson(normShow(first.id)));
  assert.equal(await runRegistered(norms, ['norms', 'show', first.id]), formatNorm(first));
});
