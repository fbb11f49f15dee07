import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/r/', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));

test('every inference fixture is written by its committed R script, records R and package versions, and is read by a test', () => {
  const json = readdirSync(fixtures).filter((f) => f.startsWith('inference-') && f.endsWith('.json'));
  assert.ok(json.length >= 4);
  const tests = readdirSync(here)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(here + f, 'utf8'))
    .join('\n');
  for (const f of json) {
    const name = f.replace(/\.json$/, '');
    assert.ok(existsSync(`${fixtures}${name}.R`), `${name}.R exists`);
    assert.ok(readFileSync(`${fixtures}${name}.R`, 'utf8').includes(`test/fixtures/r/${f}`), `${name}.R writes ${f}`);
    const data = JSON.parse(readFileSync(fixtures + f, 'utf8'));
    assert.match(data.R, /^R version \d/);
    assert.ok(data.packages?.jsonlite, `${f} records package versions`);
    assert.ok(tests.includes(`loadFixture('${name}')`), `${f} is read by a test`);
  }
});
