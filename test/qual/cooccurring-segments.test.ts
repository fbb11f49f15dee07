/**
 * Retrieval of co-occurring segments agrees with the co-occurrence matrix: on the demo project, for every pair of
 * codes and both scopes, the segments of A listed as co-occurring with B are there exactly when the matrix's cell
 * is not 0, and each listed segment does overlap (or share a turn with) a segment of B. Bad options are refused.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { isStaffwellError } from '../../src/errors.ts';
import { cooccurringSegments } from '../../src/qual/cooccurring-segments.ts';
import { qualCooccurrence } from '../../src/services/qual-analysis.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { qualQuerySegments } from '../../src/services/qual-retrieval.ts';
import { STAFFWELL } from '../helpers/cli.ts';

test('co-occurring segments: listed exactly where the matrix counts, for both scopes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-cooc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const demo = await runQualDemo({ outDir: dir, log: () => undefined });
  const project = openQualProject({ path: demo.project });
  t.after(() => project.close());
  let nonEmpty = 0;
  for (const scope of ['overlap', 'turn'] as const) {
    const m = await qualCooccurrence(project, { scope });
    const n = m.codes.length;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const hits = await qualQuerySegments(project, { codes: [m.codes[a].id], cooccursWith: { code: m.codes[b].id, scope } });
        const count = m.counts[a * n + b];
        assert.equal(hits.length > 0, count > 0, `${m.codes[a].label} with ${m.codes[b].label} (${scope}): ${hits.length} segments listed, cell ${count}`);
        assert.ok(hits.every((h) => h.codeId === m.codes[a].id), 'only the row code itself (no subcodes), as the cell');
        if (hits.length) nonEmpty++;
      }
    }
  }
  assert.ok(nonEmpty > 5, `the demo has co-occurring codes (${nonEmpty} non-empty cells)`);
  // the CLI: `qual query --cooccurs-with`, its --scope, and a bad scope named by its flag (exit 1) or alone (exit 2)
  const cli = (...args: string[]) => spawnSync(process.execPath, [...STAFFWELL.map((a) => (a === 'tsx' ? import.meta.resolve('tsx') : a)), 'qual', 'query', demo.project, ...args], { encoding: 'utf8' });
  const m = await qualCooccurrence(project, { scope: 'turn' });
  const k = m.codes.length;
  const [a, b] = [...Array(k * k).keys()].map((x) => [Math.floor(x / k), x % k]).find(([i, j]) => i !== j && m.counts[i * k + j] > 0)!;
  const listed = await qualQuerySegments(project, { codes: [m.codes[a].id], cooccursWith: { code: m.codes[b].id, scope: 'turn' } });
  const json = cli('--code', m.codes[a].label, '--cooccurs-with', m.codes[b].label, '--scope', 'turn', '--json');
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { segmentId: string }[]).map((h) => h.segmentId), listed.map((h) => h.segmentId));
  const bad = cli('--code', m.codes[a].label, '--cooccurs-with', m.codes[b].label, '--scope', 'paragraph');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /field "--scope": the value must be overlap or turn \(value "paragraph"\)/);
  assert.equal(cli('--scope', 'turn').status, 2, '--scope alone is a usage error');
  await assert.rejects(qualQuerySegments(project, { codes: [], cooccursWith: { code: 'no such code', scope: 'overlap' } }), (e: unknown) => isStaffwellError(e) && e.code === 'not-found');
  await assert.rejects(qualQuerySegments(project, { cooccursWith: { code: 'Support', scope: 'paragraph' as 'turn' } }), (e: unknown) => isStaffwellError(e) && e.location.field === 'cooccursWith.scope');
});

test('co-occurring segments: overlap and shared turns by hand; a segment never co-occurs with itself', () => {
  const s = (segmentId: string, start: number, end: number, documentId = 'd') => ({ segmentId, documentId, start, end });
  const hits = [s('a1', 0, 10), s('a2', 20, 30), s('a3', 50, 60), s('a4', 0, 10, 'other')];
  const others = [s('b1', 5, 15), s('b2', 41, 45), s('a3', 50, 60)];
  assert.deepEqual(cooccurringSegments(hits, others, 'overlap').map((h) => h.segmentId), ['a1']);
  const turns = [{ documentId: 'd', start: 0, end: 18 }, { documentId: 'd', start: 18, end: 40 }, { documentId: 'd', start: 40, end: 70 }];
  // a2 is alone in turn 2; a3 shares turn 3 with b2 (and with itself, which does not count)
  assert.deepEqual(cooccurringSegments(hits, others, 'turn', turns).map((h) => h.segmentId), ['a1', 'a3']);
});
