import { closeSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StaffwellErrorCode } from '../errors.ts';
import type { Table } from './table.ts';
import type { CsvLayout, CsvOptions } from './csv-layout.ts';
import { openCsvLayout, openForRead } from './csv-layout.ts';
import type { ColumnType, RangeScanOptions, RangeSpec } from './csv-range.ts';
import { scanRangeCoded } from './scan-range-coded.ts';
import type { CodedConsumer } from '../engine/coded-lane.ts';
import type { EngineName } from '../engine/engine.ts';
import { StaffwellError } from '../errors.ts';
import { countCsvRange, type RangeCount } from './csv-count.ts';
import { DEFAULT_BLOCK_BYTES, DEFAULT_CHUNK_ROWS, declaredFlags, inferCsvTypes, scanCsvLayout, type ProgressFn } from './csv.ts';

/**
 * Task scans: run an accumulating *task* over every chunk of a CSV file, on one thread (`scanCsvTask`) or on
 * several (`scanCsvParallel`), and get back only the task's final state.
 *
 * A task module exports `createTask(args, header)` returning `{ add(chunk), finish() }`. A chunk passed to
 * `add` is valid only during the call (its arrays are reused for the next chunk): copy what you keep. `finish`
 * returns the state — plain data and typed arrays, which cross threads without copying. `merge(a, b)` combines
 * the states of two consecutive parts of the file (a before b); it is applied in file order.
 *
 * Parallel design. The calling thread starts the workers (scan-worker.ts, compiled like the rest; see
 * `TaskModuleRef.module`) and, while they start (about 0.1 s), infers the types from the head of the file and
 * splits the data into pieces
 * (one per thread; more pieces even out the threads' finishing times, but each costs a task state to finish,
 * send and merge, which for the survey tasks costs more than it saves) at line starts. It counts the records and lines before each split point with the parser's
 * quote rules, so every piece is scanned with the file's row numbers and line numbers; a split point that falls
 * inside a quoted multi-line field is moved to the end of that record. Then every thread, the calling one
 * included, takes the next piece not yet taken (an atomic counter), scans it with its own task, and keeps the
 * state; the states are merged in file order. On any problem in the data the file is scanned again on one thread,
 * which either succeeds or reports the error exactly as the sequential reader does.
 */
export interface ScanTask<S> {
  add(chunk: Table): void;
  /**
   * Reads the rows it can through the coded lane (src/engine/coded-lane.ts) instead of `add`, wherever the file's
   * layout allows it.
   */
  coded?: CodedConsumer;
  finish(): S;
}

/** What a task learns about the file before the first chunk. */
export interface TaskHeader {
  source: string;
  /** Names of the columns read, in chunk order. */
  columns: string[];
  types: ColumnType[];
}

export type CreateTask<S> = (args: any, header: TaskHeader) => ScanTask<S>;

export interface TaskModuleRef {
  /**
   * The module exporting `createTask` (a file URL or path): what the workers import. In a compiled program, a
   * .js module; when Staffwell runs from its sources (the tests, `node --import tsx`), the workers register tsx,
   * so a .ts module works. `moduleBeside` names a module next to the caller's in either case.
   */
  module: URL | string;
  /** Structured-cloneable arguments for `createTask`. */
  args: unknown;
  /** That module's `createTask`, when the caller has imported it: the calling thread then uses it directly. */
  createTask?: CreateTask<any>;
}

/** The calling thread's `createTask`: the one given, else imported from the module's URL. */
async function ownCreateTask<S>(task: TaskModuleRef): Promise<CreateTask<S>> {
  if (task.createTask) return task.createTask as CreateTask<S>;
  return ((await import(moduleHref(task.module))) as { createTask: CreateTask<S> }).createTask;
}

export interface ParallelOptions {
  /** Threads scanning, the calling thread included (default: available cores, at most 8); it starts one fewer worker. */
  workers?: number;
  /**
   * Files with fewer data bytes than this are scanned on the calling thread (default 64 MB: starting a worker
   * costs CPU — tens of milliseconds, several hundred through a TypeScript loader — which a small file does not
   * repay).
   */
  minBytes?: number;
  onProgress?: ProgressFn;
  /** Told when the parallel scan gives way to a sequential one, and why. */
  onFallback?: (reason: string) => void;
}

/** Runs a task over every chunk of a CSV file on the calling thread. */
export function scanCsvTask<S>(path: string, options: CsvOptions, createTask: CreateTask<S>, args: unknown, onProgress?: ProgressFn): S {
  const layout = openCsvLayout(path, options);
  return runTaskSequential(layout, inferCsvTypes(layout, options), options, createTask, args, onProgress);
}

function runTaskSequential<S>(
  layout: CsvLayout,
  types: ColumnType[],
  options: CsvOptions,
  createTask: CreateTask<S>,
  args: unknown,
  onProgress?: ProgressFn,
): S {
  let task: ScanTask<S> | undefined;
  scanCsvLayout(
    layout,
    types,
    {
      ...options,
      reuse: true,
      // Called before each pass (again after a restart), so a restart starts from a fresh task.
      onInfo: (info) => {
        task = createTask(args, { source: layout.source, columns: info.columns, types: info.types });
      },
      coded: () => task?.coded,
      onRestart: () => undefined,
    },
    (chunk) => task!.add(chunk),
    onProgress,
  );
  return task!.finish();
}

/** Runs a task over every chunk of a CSV file using worker threads, merging the states in file order. */
export async function scanCsvParallel<S>(
  path: string,
  options: CsvOptions,
  task: TaskModuleRef,
  merge: (a: S, b: S) => S,
  parallel: ParallelOptions = {},
): Promise<S> {
  const layout = openCsvLayout(path, options);
  const threads = Math.max(1, Math.min(parallel.workers ?? Math.min(8, availableParallelism()), 64));
  const dataBytes = layout.size - layout.dataStart;
  let types: ColumnType[] | undefined;
  const sequential = async (): Promise<S> => {
    return runTaskSequential(layout, (types ??= inferCsvTypes(layout, options)), options, await ownCreateTask<S>(task), task.args, parallel.onProgress);
  };
  if (threads === 1 || dataBytes < (parallel.minBytes ?? 64e6)) return sequential();
  // One piece per thread, taken in turn: the calling thread infers the types and plans the pieces while the
  // workers start (which takes about as long), and takes a second piece if a worker is late.
  const ranges = splitRanges(layout, threads);
  if (ranges.length < 2) return sequential();
  for (;;) {
    const outcome = await runThreads<S>(layout, types, options, task, ranges, threads - 1, parallel.onProgress);
    types = outcome.types;
    if (outcome.kind === 'fallback') {
      parallel.onFallback?.(outcome.reason);
      return sequential();
    }
    if (outcome.kind === 'retype') {
      types = types.map((t, k) => (outcome.columns.includes(k) ? 'text' : t));
      continue;
    }
    return outcome.states.reduce((a, b) => merge(a, b));
  }
}

/**
 * The module `name` (a relative path without extension, e.g. './survey-task') beside the module at `base` (its
 * `import.meta.url`), with `base`'s extension: the .js file in a compiled program, the .ts file when running
 * from the sources. For `TaskModuleRef.module`.
 */
export function moduleBeside(base: string, name: string): URL {
  return new URL(`${name}${extname(fileURLToPath(base))}`, base);
}

/**
 * The workers' entry: scan-worker.js beside this module in a compiled program; when running from the sources,
 * scan-worker-tsx.mjs, which registers tsx in the worker before loading scan-worker.ts.
 */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './scan-worker-tsx.mjs' : './scan-worker.js', import.meta.url);

function moduleHref(m: URL | string): string {
  if (m instanceof URL) return m.href;
  return /^[a-z][a-z0-9+.-]+:/i.test(m) ? m : pathToFileURL(resolve(m)).href;
}

/** Byte ranges of about equal size whose starts are line starts. */
export function splitRanges(layout: CsvLayout, parts: number): [number, number][] {
  const { dataStart, size } = layout;
  const cuts = [dataStart];
  const fd = openForRead(layout.source);
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < parts; k++) {
      let p = Math.max(cuts[cuts.length - 1], Math.floor(dataStart + ((size - dataStart) * k) / parts));
      let found = -1;
      while (p < size && found < 0) {
        const n = readSync(fd, buf, 0, buf.length, p);
        if (n === 0) break;
        const i = buf.subarray(0, n).indexOf(10);
        if (i >= 0) found = p + i + 1;
        else p += n;
      }
      if (found < 0 || found >= size) break;
      if (found > cuts[cuts.length - 1]) cuts.push(found);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) out.push([cuts[k], cuts[k + 1]]);
  return out;
}

/** Data sent to a worker when it starts. */
export interface WorkerInput {
  layout: CsvLayout;
  declared: boolean[];
  missing: CsvOptions['missing'];
  chunkRows: number;
  blockBytes: number;
  engine?: EngineName;
  module: string;
  args: unknown;
  /** Int32Array [next piece to take, stop flag], shared by all threads. */
  shared: SharedArrayBuffer;
  /** Bytes done per piece, written by the thread that scans it. */
  progress: SharedArrayBuffer;
}

/** What the workers are told once the calling thread knows it. */
export interface WorkerPlan {
  types: ColumnType[];
  pieces: RangeSpec[];
}

/** Messages from a worker. */
export type WorkerMessage =
  | { type: 'progress' }
  | { type: 'retype'; columns: number[] }
  | { type: 'done'; pieces: number[]; states: unknown[] }
  | { type: 'error'; staffwell: boolean; code?: StaffwellErrorCode; message: string; stack?: string };

type Outcome<S> = ({ kind: 'states'; states: S[] } | { kind: 'retype'; columns: number[] } | { kind: 'fallback'; reason: string }) & {
  types: ColumnType[];
};

/** The pieces a thread scanned and their task states (in the order taken). */
export interface PieceResults {
  pieces: number[];
  states: unknown[];
  /** Columns that met text although inferred numeric (the pass is void). */
  retyped: number[];
}

/**
 * Takes pieces in turn (`shared` = [next piece, stop flag]) and scans each with a fresh task until none is left
 * or another thread asks to stop. Run by the calling thread and by each worker.
 */
export function scanPieces(
  input: Pick<WorkerInput, 'layout' | 'declared' | 'missing' | 'chunkRows' | 'blockBytes' | 'engine' | 'args'>,
  createTask: CreateTask<unknown>,
  plan: WorkerPlan,
  shared: Int32Array,
  progress: Float64Array,
  onProgress?: () => void,
): PieceResults {
  const { layout } = input;
  const out: PieceResults = { pieces: [], states: [], retyped: [] };
  const header: TaskHeader = { source: layout.source, columns: layout.selected.map((j) => layout.names[j]), types: plan.types };
  for (;;) {
    if (Atomics.load(shared, 1) !== 0) return out;
    const k = Atomics.add(shared, 0, 1);
    if (k >= plan.pieces.length) return out;
    const task = createTask(input.args, header);
    const options: RangeScanOptions = {
      types: plan.types,
      declared: input.declared,
      missing: input.missing,
      chunkRows: input.chunkRows,
      blockBytes: input.blockBytes,
      engine: input.engine,
      reuse: true,
      onChunk: (chunk) => task.add(chunk),
      onProgress: (done) => {
        progress[k] = done;
        onProgress?.();
      },
    };
    const r = scanRangeCoded(layout, plan.pieces[k], options, task.coded);
    if (r.retyped.length) {
      out.retyped.push(...r.retyped.map((x) => x.column));
      Atomics.store(shared, 1, 1); // the pass is void: the other threads stop too
      return out;
    }
    progress[k] = plan.pieces[k].end - plan.pieces[k].start;
    out.pieces.push(k);
    out.states.push(task.finish());
  }
}

/**
 * One parallel pass: starts the workers, then on this thread infers the types (if not known), plans the pieces
 * (their exact starts, first rows and first lines), sends the plan, and scans pieces along with the workers.
 */
async function runThreads<S>(
  layout: CsvLayout,
  knownTypes: ColumnType[] | undefined,
  options: CsvOptions,
  task: TaskModuleRef,
  ranges: [number, number][],
  workers: number,
  onProgress?: ProgressFn,
): Promise<Outcome<S>> {
  const href = moduleHref(task.module);
  const base = {
    layout,
    declared: declaredFlags(layout, options),
    missing: options.missing,
    chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
    blockBytes: options.blockBytes ?? DEFAULT_BLOCK_BYTES,
    engine: options.engine,
    module: href,
    args: task.args,
  };
  const n = ranges.length;
  const sharedBuf = new SharedArrayBuffer(8);
  const shared = new Int32Array(sharedBuf);
  const progressBuf = new SharedArrayBuffer(8 * n);
  const progress = new Float64Array(progressBuf);
  const pool: Worker[] = [];
  const states: S[] = new Array(n);
  const retyped = new Set<number>();
  let finished = 0;
  let settled = false;
  let fail: Outcome<S> | Error | undefined;
  let wake: () => void = () => undefined;
  let lastReport = 0;
  const report = () => {
    if (!onProgress) return;
    const done = progress.reduce((a, b) => a + b, 0);
    if (done - lastReport < 1 << 20 && done < layout.size - layout.dataStart) return;
    lastReport = done;
    onProgress(layout.dataStart + done, layout.size);
  };
  const stop = (f: Outcome<S> | Error) => {
    Atomics.store(shared, 1, 1);
    fail ??= f;
  };
  const startWorkers = () => {
    for (let w = 0; w < workers; w++) {
      const input: WorkerInput = { ...base, shared: sharedBuf, progress: progressBuf };
      const worker = startWorker(input);
      pool.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (settled) return;
        switch (m.type) {
          case 'progress':
            report();
            break;
          case 'retype':
            for (const c of m.columns) retyped.add(c);
            finished++;
            break;
          case 'done':
            m.pieces.forEach((k, i) => (states[k] = m.states[i] as S));
            finished++;
            break;
          case 'error':
            // A user-facing error: the sequential scan reports it exactly (file lines and all).
            stop(
              m.staffwell
                ? ({ kind: 'fallback', reason: `a worker met a problem in the data: ${m.message}` } as Outcome<S>)
                : Object.assign(new Error(`scan worker failed: ${m.message}`), { stack: m.stack }),
            );
            break;
        }
        wake();
      });
      worker.on('error', (e) => {
        stop(e instanceof Error ? e : new Error(String(e)));
        wake();
      });
      worker.on('exit', (code) => {
        if (code !== 0 && !settled) stop(new Error(`scan worker exited with code ${code}`));
        wake();
      });
    }
  };
  startWorkers();
  try {
    const types = knownTypes ?? inferCsvTypes(layout, options);
    const plan: WorkerPlan = { types, pieces: planOnThisThread(layout, ranges, base.blockBytes) };
    for (const w of pool) w.postMessage(plan);
    const createTask = await ownCreateTask<S>(task);
    let own: PieceResults;
    try {
      own = scanPieces(base, createTask, plan, shared, progress, report);
    } catch (e) {
      Atomics.store(shared, 1, 1);
      if (e instanceof StaffwellError) return { kind: 'fallback', reason: `a problem in the data: ${e.message}`, types };
      throw e;
    }
    own.pieces.forEach((k, i) => (states[k] = own.states[i] as S));
    for (const c of own.retyped) retyped.add(c);
    while (fail === undefined && finished < workers) await new Promise<void>((res) => (wake = res));
    if (fail instanceof Error) throw fail;
    if (fail) return { ...fail, types };
    if (retyped.size) return { kind: 'retype', columns: [...retyped], types };
    onProgress?.(layout.size, layout.size);
    return { kind: 'states', states, types };
  } finally {
    settled = true;
    for (const w of pool) void w.terminate();
  }
}

/**
 * Each range's exact start, end, first row and first line, counted on this thread in file order (as
 * `planRanges`, but every range except the last is counted from its corrected start).
 */
function planOnThisThread(layout: CsvLayout, ranges: [number, number][], blockBytes: number): RangeSpec[] {
  const out: RangeSpec[] = [];
  let b = ranges[0][0];
  let row = 0;
  let line = layout.firstDataLine;
  ranges.forEach(([, e], k) => {
    if (b >= e) {
      out.push({ start: b, end: b, firstRow: row, firstLine: line });
      return;
    }
    if (k === ranges.length - 1) {
      out.push({ start: b, end: e, firstRow: row, firstLine: line });
      return;
    }
    let c: CountMessage = countCsvRange(layout.source, layout.delimiter, b, e, { blockBytes, size: layout.size });
    let end = e;
    if (!c.clean && e < layout.size) {
      const ext = countCsvRange(layout.source, layout.delimiter, e, e, { blockBytes, state: c.state, finishRecord: true, size: layout.size });
      c = { records: c.records + ext.records, lines: c.lines + ext.lines, clean: ext.clean, state: ext.state };
      end = ext.end;
    }
    out.push({ start: b, end, firstRow: row, firstLine: line });
    row += c.records;
    line += c.lines;
    b = end;
  });
  return out;
}

/**
 * A worker with the process's execArgv (so the module flags the process was started with apply in the worker
 * too). Workers refuse process-wide flags such as --max-old-space-size: then only the module flags are passed.
 */
function startWorker(input: WorkerInput): Worker {
  try {
    return new Worker(WORKER_ENTRY, { workerData: input });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(WORKER_ENTRY, { workerData: input, execArgv: moduleFlags(process.execArgv) });
  }
}

/** The flags of `argv` that change how modules load (--import, --require, --loader, --conditions and their values). */
export function moduleFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  const flag = /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C)$/;
  for (let i = 0; i < argv.length; i++) {
    if (flag.test(argv[i]) && i + 1 < argv.length) out.push(argv[i], argv[++i]);
    else if (/^(--import|--require|--loader|--experimental-loader|--conditions)=/.test(argv[i])) out.push(argv[i]);
  }
  return out;
}

type CountMessage = Pick<RangeCount, 'records' | 'lines' | 'clean' | 'state'>;

/**
 * Each range's exact start, end, first row and first line, from the workers' counts. Taken in file order: the
 * first range starts at a record boundary; when a range turns out to end inside a quoted field (its split point
 * was not a record boundary), it is extended to the end of that record on this thread, and the next range,
 * whose count assumed the wrong start, is counted again from the corrected one.
 */
export function planRanges(layout: CsvLayout, ranges: [number, number][], counts: CountMessage[], blockBytes?: number) {
  const out: { k: number; plan: { start: number; end: number; firstRow: number; firstLine: number } }[] = [];
  let b = ranges[0][0];
  let row = 0;
  let line = layout.firstDataLine;
  ranges.forEach(([s, e], k) => {
    let c: CountMessage = counts[k];
    if (b !== s) {
      if (b >= e) {
        out.push({ k, plan: { start: b, end: b, firstRow: row, firstLine: line } });
        return;
      }
      c = countCsvRange(layout.source, layout.delimiter, b, e, { blockBytes, size: layout.size });
    }
    let end = e;
    if (!c.clean && e < layout.size) {
      const ext = countCsvRange(layout.source, layout.delimiter, e, e, { blockBytes, state: c.state, finishRecord: true, size: layout.size });
      c = { records: c.records + ext.records, lines: c.lines + ext.lines, clean: ext.clean, state: ext.state };
      end = ext.end;
    }
    out.push({ k, plan: { start: b, end, firstRow: row, firstLine: line } });
    row += c.records;
    line += c.lines;
    b = end;
  });
  return out;
}

/** Typed-array buffers inside a state, to transfer rather than copy. */
export function transferables(value: unknown, out: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    // Only arrays that own their whole buffer (never a view into a shared pool).
    const b = value.buffer;
    if (b instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === b.byteLength && !out.includes(b)) out.push(b);
    return out;
  }
  if (value instanceof ArrayBuffer) {
    if (!out.includes(value)) out.push(value);
    return out;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      transferables(k, out, seen);
      transferables(v, out, seen);
    }
    return out;
  }
  for (const v of Object.values(value as object)) transferables(v, out, seen);
  return out;
}

