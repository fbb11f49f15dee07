/**
 * The engine switch (src/engine/engine.ts): the `engine` option and STAFFWELL_ENGINE turn the coded lane off, with
 * the same results; a bad value is a user-facing error naming where it came from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { codedReaderFor } from '../../src/data/scan-range-coded.ts';
import { openCsvLayout } from '../../src/data/csv-layout.ts';
import { engineNamed } from '../../src/engine/engine.ts';
import { StaffwellError } from '../../src/errors.ts';
import { parseKeys } from '../../src/psych/keys.ts';
import { reliabilityValue } from '../../src/psych/reliability-value.ts';
import { describeValue } from '../../src/psych/describe.ts';
import { scanSurvey, surveyColumns } from '../../src/survey/scan-survey.ts';
import { tmpFile } from '../data/helpers.ts';

const SURVEY = 'examples/demo-survey.csv';
const KEYS = parseKeys(readFileSync('examples/hse-keys.json', 'utf8'), 'examples/hse-keys.json');

function withEnv<T>(value: string | undefined, f: () => T): T {
  const saved = process.env.STAFFWELL_ENGINE;
  if (value === undefined) delete process.env.STAFFWELL_ENGINE;
  else process.env.STAFFWELL_ENGINE = value;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.STAFFWELL_ENGINE;
    else process.env.STAFFWELL_ENGINE = saved;
  }
}

test('the js engine, chosen by option or by STAFFWELL_ENGINE, has no lane; wasm has one', () => {
  const file = tmpFile('engine.csv', 'id,site,q1\n1,S1,3\n');
  const layout = openCsvLayout(file, { columns: ['q1', 'site'], types: { q1: 'number', site: 'text' } });
  const consumer = { items: ['q1'], groups: ['site'], add: () => 0 };
  const opt = { types: ['number' as const, 'text' as const], declared: [true, true], chunkRows: 16, blockBytes: 1024 };
  withEnv(undefined, () => {
    assert.equal(engineNamed().name, 'wasm');
    assert.ok(codedReaderFor(layout, consumer, opt));
    assert.equal(codedReaderFor(layout, consumer, { ...opt, engine: 'js' }), null);
  });
  withEnv('js', () => {
    assert.equal(engineNamed().name, 'js');
    assert.equal(codedReaderFor(layout, consumer, opt), null);
    assert.ok(codedReaderFor(layout, consumer, { ...opt, engine: 'wasm' }), 'the option wins over the environment');
  });
});

test('a bad engine name is a user-facing error naming the option or the variable', () => {
  assert.throws(() => engineNamed('fast' as never), (e: unknown) => e instanceof StaffwellError && /field "engine"/.test(e.message) && /"fast"/.test(e.message));
  withEnv('gpu', () =>
    assert.throws(() => engineNamed(), (e: unknown) => e instanceof StaffwellError && /STAFFWELL_ENGINE/.test(e.message) && /use|set it/.test(e.message)),
  );
});

test('the survey scan gives the same reliability and group summaries with either engine', async () => {
  const read = { missing: { all: ['-99'] } };
  const { columns, types } = await surveyColumns(SURVEY, KEYS, { by: ['site'] }, read);
  const args = { keys: KEYS, reliability: { min: 1, max: 5 }, describe: { by: ['site'], min: 1, max: 5 } };
  const scan = (engine: 'js' | 'wasm') => scanSurvey(SURVEY, args, { read: { ...read, columns, types, engine } });
  const [js, wasm] = [await scan('js'), await scan('wasm')];
  assert.deepEqual(reliabilityValue(wasm.reliability!, 'k'), reliabilityValue(js.reliability!, 'k'));
  assert.deepEqual(describeValue(wasm.describe!), describeValue(js.describe!));
});
