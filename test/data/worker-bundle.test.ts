import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scanCsvParallel } from '../../src/data/scan-parallel.ts';
import { buildWorkerBundle, cachedWorkerBundle } from '../../src/data/worker-bundle.ts';
import { tmpDir, tmpFile } from './helpers.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

interface Piece {
  main: boolean;
  factor: number;
  /** The task ran from a file in the bundle cache (not from its source through tsx). */
  bundled: boolean;
  extra: string;
}
interface State {
  sum: number;
  pieces: Piece[];
}

/**
 * A task whose calling-thread piece waits (up to 10 s) until a worker has taken a piece, so every scan has a
 * piece scanned by a worker; each piece records which code ran it.
 */
function taskSource(factor: number, extra = `''`, imports = ''): string {
  return `${imports}
import { isMainThread } from 'node:worker_threads';
import { existsSync, writeFileSync } from 'node:fs';
const FACTOR: number = ${factor};
export function createTask(args: { flag: string; cache: string }, header: { columns: string[] }) {
  if (!isMainThread) writeFileSync(args.flag, '');
  else for (let i = 0; i < 1000 && !existsSync(args.flag); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  const j = header.columns.indexOf('q1');
  const bundled = (new Error().stack ?? '').includes(args.cache);
  const state = { sum: 0, pieces: [{ main: isMainThread, factor: FACTOR, bundled, extra: ${extra} }] };
  return {
    add(chunk: { nrows: number; columns: { values: Float64Array }[] }) {
      const v = chunk.columns[j].values;
      for (let i = 0; i < chunk.nrows; i++) state.sum += v[i] * FACTOR;
    },
    finish: () => state,
  };
}
export function merge(a: { sum: number; pieces: unknown[] }, b: { sum: number; pieces: unknown[] }) {
  return { sum: a.sum + b.sum, pieces: [...a.pieces, ...b.pieces] };
}
`;
}

function dataFile(name: string): { file: string; q1: number } {
  const rows = ['id,q1'];
  let q1 = 0;
  for (let i = 0; i < 3000; i++) {
    rows.push(`${i},${i % 5}`);
    q1 += i % 5;
  }
  return { file: tmpFile(name, rows.join('\n') + '\n'), q1 };
}

let scripts = 0;

/** Runs a 2-thread scan of `file` with the task in a fresh node process (tsx registered through its API). */
function scanInProcess(file: string, task: string, cache: string, flag: string): State {
  const script = `
    import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
    register();
    const { scanCsvParallel } = await import(${JSON.stringify(new URL('../../src/data/scan-parallel.ts', import.meta.url).href)});
    const { merge } = await import(${JSON.stringify(pathToFileURL(task).href)});
    let fellBack = false;
    const s = await scanCsvParallel(${JSON.stringify(file)}, {}, { module: ${JSON.stringify(pathToFileURL(task).href)}, args: ${JSON.stringify({ flag, cache })} }, merge,
      { workers: 2, minBytes: 0, onFallback: () => (fellBack = true) });
    console.log(JSON.stringify({ ...s, fellBack }));
  `;
  const env: NodeJS.ProcessEnv = { ...process.env, STAFFWELL_CACHE_DIR: cache };
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [tmpFile(`scan-${++scripts}.mjs`, script)], { cwd: repo, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as State & { fellBack: boolean };
  assert.equal(out.fellBack, false, 'ran in parallel');
  return out;
}

const workerPieces = (s: State) => s.pieces.filter((p) => !p.main);

/** Runs `fn` with STAFFWELL_CACHE_DIR set to `cache` in this process. */
async function withCache<T>(cache: string, fn: () => T | Promise<T>): Promise<T> {
  const saved = process.env.STAFFWELL_CACHE_DIR;
  process.env.STAFFWELL_CACHE_DIR = cache;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.STAFFWELL_CACHE_DIR;
    else process.env.STAFFWELL_CACHE_DIR = saved;
  }
}

test('a worker runs the bundle; a changed task source is bundled again, never run stale', async () => {
  const dir = join(tmpDir(), 'stale');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, 'cache');
  const task = join(dir, 'task.mts');
  const { file, q1 } = dataFile('stale.csv');
  writeFileSync(task, taskSource(1));
  const first = scanInProcess(file, task, cache, join(dir, 'flag1'));
  assert.equal(first.sum, q1);
  assert.ok(workerPieces(first).length > 0, 'a worker scanned a piece');
  for (const p of workerPieces(first)) assert.deepEqual(p, { main: false, factor: 1, bundled: true, extra: '' });
  assert.equal(readdirSync(cache).filter((f) => f.endsWith('.mjs')).length, 1);
  assert.ok((await withCache(cache, () => cachedWorkerBundle(pathToFileURL(task).href)))?.url, 'the bundle is cached');

  // Same size, same modification time, different content: still detected.
  const before = statSync(task);
  writeFileSync(task, taskSource(2));
  utimesSync(task, before.atime, before.mtime);
  assert.equal(statSync(task).size, before.size);
  assert.equal(await withCache(cache, () => cachedWorkerBundle(pathToFileURL(task).href)), undefined, 'the cached bundle is stale');
  const second = scanInProcess(file, task, cache, join(dir, 'flag2'));
  assert.equal(second.sum, 2 * q1);
  assert.ok(workerPieces(second).length > 0, 'a worker scanned a piece');
  for (const p of workerPieces(second)) assert.deepEqual(p, { main: false, factor: 2, bundled: true, extra: '' });
  assert.equal(readdirSync(cache).filter((f) => f.endsWith('.mjs')).length, 2);
  assert.ok((await withCache(cache, () => cachedWorkerBundle(pathToFileURL(task).href)))?.url, 'the new bundle is cached');
});

test('a change in a module the task imports is picked up too', async () => {
  const dir = join(tmpDir(), 'dep');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, 'cache');
  const task = join(dir, 'task.mts');
  writeFileSync(join(dir, 'dep.mts'), `export const label: string = 'one';\n`);
  writeFileSync(task, taskSource(1, 'label', `import { label } from './dep.mts';`));
  const { file } = dataFile('dep.csv');
  assert.deepEqual(workerPieces(scanInProcess(file, task, cache, join(dir, 'flag1'))).map((p) => [p.extra, p.bundled]), [['one', true]]);
  writeFileSync(join(dir, 'dep.mts'), `export const label: string = 'two';\n`);
  assert.deepEqual(workerPieces(scanInProcess(file, task, cache, join(dir, 'flag2'))).map((p) => [p.extra, p.bundled]), [['two', true]]);
});

test('without a writable cache folder, workers start through tsx', async () => {
  const dir = join(tmpDir(), 'no-cache');
  mkdirSync(dir, { recursive: true });
  const task = join(dir, 'task.mts');
  writeFileSync(task, taskSource(3));
  const blocker = tmpFile('not-a-folder', 'x');
  const cache = join(blocker, 'cache'); // below a file: cannot be made
  const { file, q1 } = dataFile('no-cache.csv');
  await withCache(cache, async () => {
    const r = await buildWorkerBundle(pathToFileURL(task).href);
    assert.equal(r.url, undefined);
    assert.match(r.reason ?? '', /no writable cache folder/);
    const merge = (a: State, b: State): State => ({ sum: a.sum + b.sum, pieces: [...a.pieces, ...b.pieces] });
    const args = { flag: join(dir, 'flag'), cache };
    const s = await scanCsvParallel<State>(file, {}, { module: pathToFileURL(task), args }, merge, { workers: 2, minBytes: 0 });
    assert.equal(s.sum, 3 * q1);
    assert.deepEqual(workerPieces(s), [{ main: false, factor: 3, bundled: false, extra: '' }]);
  });
});

test('a task the bundle cannot keep (import.meta.resolve) is declined once and runs through tsx', async () => {
  const dir = join(tmpDir(), 'declined');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, 'cache');
  const task = join(dir, 'task.mts');
  writeFileSync(task, taskSource(1, `import.meta.resolve('./x.mjs').slice(-5)`));
  const { file, q1 } = dataFile('declined.csv');
  const s = scanInProcess(file, task, cache, join(dir, 'flag'));
  assert.equal(s.sum, q1);
  assert.deepEqual(workerPieces(s), [{ main: false, factor: 1, bundled: false, extra: 'x.mjs' }]);
  const cached = await withCache(cache, () => cachedWorkerBundle(pathToFileURL(task).href));
  assert.ok(cached && cached.url === undefined && /import\.meta/.test(cached.reason), 'the refusal is cached');
  assert.equal(readdirSync(cache).filter((f) => f.endsWith('.mjs')).length, 0);
});

test('import.meta.url keeps the source file; a package that depends on its location stays external', () => {
  const dir = join(tmpDir(), 'external');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, 'cache');
  const task = join(dir, 'task.mts');
  // esbuild's JavaScript API uses __dirname: it must be imported from where it is installed, not bundled.
  const esbuildMain = join(repo, 'node_modules/esbuild/lib/main.js');
  writeFileSync(task, taskSource(1, `esbuildVersion + ' ' + import.meta.url.slice(-9)`, `import { version as esbuildVersion } from ${JSON.stringify(esbuildMain)};`));
  const { file } = dataFile('external.csv');
  const s = scanInProcess(file, task, cache, join(dir, 'flag'));
  const version = JSON.parse(readFileSync(join(repo, 'node_modules/esbuild/package.json'), 'utf8')).version;
  assert.deepEqual(workerPieces(s), [{ main: false, factor: 1, bundled: true, extra: `${version} /task.mts` }]);
  const bundle = readdirSync(cache).find((f) => f.endsWith('.mjs'))!;
  assert.match(readFileSync(join(cache, bundle), 'utf8'), /from "file:\/\/\/[^"]*\/node_modules\/esbuild\/lib\/main\.js"/);
});
