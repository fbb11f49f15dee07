/**
 * The README's first command runs `staffwell demo`: the survey commands, the PALS study and the qualitative
 * project, end to end. This keeps it working.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo/run-demo.ts';

test('staffwell demo writes the survey results, the study results and the qualitative project', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-demo-'));
  let log = '';
  const { files } = await runDemo({ outDir: dir, log: (s) => void (log += s) });
  for (const f of ['scores.csv', 'reliability.txt', 'reliability.json', 'describe-by-site.txt', 'study/results.json', 'study/summary.txt', 'qual/radiology-support.qdpx', 'pals-report.html', 'pals-report.docx']) {
    assert.ok(existsSync(join(dir, f)), f);
  }
  assert.ok(files.length >= 15);
  assert.equal(JSON.parse(readFileSync(join(dir, 'reliability.json'), 'utf8')).scales.length, 7);
  assert.match(log, /GHQ-12 caseness: \d+ of \d+/);
  assert.match(log, /Cohen's kappa per code/);
  // Run again into the same folder: the demo replaces its own outputs.
  await runDemo({ outDir: dir, log: () => undefined });
});
