import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCsvLayout } from '../../src/data/csv-layout.ts';
import { scanCsvParallel, scanCsvTask, splitRanges } from '../../src/data/scan-parallel.ts';
import { StaffwellError } from '../../src/errors.ts';
import { createTask, merge, type CheckState } from './scan-task-fixture.ts';
import { tmpFile } from './helpers.ts';

const taskModule = new URL('./scan-task-fixture.ts', import.meta.url);
const repo = fileURLToPath(new URL('../../', import.meta.url));

function comparable(s: CheckState) {
  return {
    columns: s.columns,
    sums: Array.from(s.sums),
    counts: Array.from(s.counts),
    rows: s.rows,
    rowIndexSum: s.rowIndexSum,
    lineSum: s.lineSum,
    texts: s.texts,
  };
}

function generated(name: string, rows: number, seed: number): string {
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = ['id,site,note,q1,q2'];
  for (let i = 0; i < rows; i++) {
    const r = rand();
    const note = r < 0.1 ? `"multi\nline, ${i}\n""quoted"""` : r < 0.2 ? `"a, b"` : r < 0.3 ? '' : `n${i % 13}`;
    out.push(`${i + 1},${['A', 'B', 'C'][i % 3]},${note},${1 + Math.floor(rand() * 5)},${rand() < 0.05 ? '' : Math.floor(rand() * 40) / 2}`);
  }
  return tmpFile(name, out.join('\n') + '\n');
}

test('parallel scan equals the sequential scan (quoted multi-line fields, 2 and 3 workers)', async () => {
  const f = generated('par.csv', 3000, 99);
  const seq = scanCsvTask(f, { chunkRows: 100 }, createTask, { keepTexts: true });
  assert.equal(seq.rows, 3000);
  for (const workers of [2, 3]) {
    const fallbacks: string[] = [];
    const par = await scanCsvParallel(f, { chunkRows: 100 }, { module: taskModule, args: { keepTexts: true } }, merge, {
      workers,
      minBytes: 0,
      onFallback: (why) => fallbacks.push(why),
    });
    assert.deepEqual(fallbacks, [], 'ran in parallel');
    assert.deepEqual(comparable(par), comparable(seq), `${workers} workers`);
  }
});

test('a split point inside a quoted multi-line field is moved to the end of that record', async () => {
  // One huge quoted field, made of lines that look like records, spans the middle of the file.
  const fake = Array.from({ length: 400 }, (_, i) => `${i},X,fake,1,1`).join('\n');
  const rows = ['id,site,note,q1,q2'];
  for (let i = 0; i < 50; i++) rows.push(`${i},A,n,2,3`);
  rows.push(`50,B,"${fake}",4,5`);
  for (let i = 51; i < 100; i++) rows.push(`${i},C,n,1,2`);
  const f = tmpFile('split-in-quote.csv', rows.join('\n') + '\n');
  const layout = openCsvLayout(f);
  const [[, mid]] = splitRanges(layout, 2);
  const fieldEnd = rows.slice(0, 52).join('\n').length;
  assert.ok(mid > fieldEnd - fake.length && mid < fieldEnd, 'the split is inside the field');
  const seq = scanCsvTask(f, {}, createTask, { keepTexts: true });
  assert.equal(seq.rows, 100);
  // With 3 and 4 workers a whole range lies inside the field.
  for (const workers of [2, 3, 4]) {
    const fallbacks: string[] = [];
    const par = await scanCsvParallel(f, { chunkRows: 16 }, { module: taskModule, args: { keepTexts: true } }, merge, {
      workers,
      minBytes: 0,
      onFallback: (why) => fallbacks.push(why),
    });
    assert.deepEqual(fallbacks, []);
    assert.deepEqual(comparable(par), comparable(seq), `${workers} workers`);
  }
});

test('parallel scan: a column that turns to text in a later range is re-read as text', async () => {
  const rows = ['id,q1,q2'];
  for (let i = 0; i < 2000; i++) rows.push(`${i},${i % 5},${i === 1900 ? 'none' : i % 7}`);
  const f = tmpFile('par-retype.csv', rows.join('\n') + '\n');
  const seq = scanCsvTask(f, { chunkRows: 64 }, createTask, { keepTexts: true });
  assert.deepEqual(seq.columns, ['id', 'q1', 'q2']);
  assert.equal(seq.counts[2], 0, 'q2 is text');
  assert.equal(seq.texts[2][1900], 'none');
  const par = await scanCsvParallel(f, { chunkRows: 64 }, { module: taskModule, args: { keepTexts: true } }, merge, { workers: 2, minBytes: 0 });
  assert.deepEqual(comparable(par), comparable(seq));
});

test('parallel scan: a user error is reported exactly as the sequential reader reports it', async () => {
  const rows = ['id,q1'];
  for (let i = 0; i < 2000; i++) rows.push(i === 1500 ? `${i},"x\ny"` : `${i},${i % 5}`);
  const f = tmpFile('par-error.csv', rows.join('\n') + '\n');
  await assert.rejects(
    scanCsvParallel(f, { types: { q1: 'number' } }, { module: taskModule, args: null }, merge, { workers: 2, minBytes: 0 }),
    (e: unknown) => e instanceof StaffwellError && e.code === 'not-numeric' && e.location.line === 1502 && e.value === 'x\ny',
  );
});

test('small files and workers: 1 run on the calling thread', async () => {
  const f = generated('small.csv', 50, 3);
  const seq = scanCsvTask(f, {}, createTask, null);
  const par = await scanCsvParallel(f, {}, { module: taskModule, args: null }, merge);
  assert.deepEqual(comparable(par), comparable(seq));
});

/**
 * A 2-thread scan in a fresh node process started with `args` before the script (the workers inherit them; the
 * compiled, loader-free case is tested from the packed package, test/package.test.ts).
 */
function scanInChild(f: string, args: string[]): { rows: number; lineSum: number; q1: number; fellBack: boolean } {
  const script = `
    const { scanCsvParallel } = await import(${JSON.stringify(new URL('../../src/data/scan-parallel.ts', import.meta.url).href)});
    const { merge } = await import(${JSON.stringify(taskModule.href)});
    let fellBack = false;
    const s = await scanCsvParallel(${JSON.stringify(f)}, {}, { module: new URL(${JSON.stringify(taskModule.href)}), args: null }, merge,
      { workers: 2, minBytes: 0, onFallback: () => (fellBack = true) });
    console.log(JSON.stringify({ rows: s.rows, lineSum: s.lineSum, q1: s.sums[3], fellBack }));
  `;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [...args, tmpFile(`child-${args.length}.mjs`, script)], { cwd: repo, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('from the sources (node --import tsx), workers load .ts task modules', () => {
  const f = generated('loader.csv', 2000, 5);
  const seq = scanCsvTask(f, {}, createTask, null);
  assert.deepEqual(scanInChild(f, ['--import', 'tsx']), { rows: seq.rows, lineSum: seq.lineSum, q1: seq.sums[3], fellBack: false });
});

test('workers start when the process has flags that workers refuse (--max-old-space-size)', () => {
  const f = generated('flags.csv', 500, 11);
  const seq = scanCsvTask(f, {}, createTask, null);
  assert.deepEqual(scanInChild(f, ['--max-old-space-size=4096', '--import', 'tsx']), { rows: 500, lineSum: seq.lineSum, q1: seq.sums[3], fellBack: false });
});
