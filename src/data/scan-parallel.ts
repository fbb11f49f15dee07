import { closeSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StaffwellErrorCode } from '../errors.ts';
import type { Table } from './table.ts';
import type { CsvLayout, CsvOptions } from './csv-layout.ts';
import { openCsvLayout, openForRead } from './csv-layout.ts';
import type { ColumnType } from './csv-range.ts';
import { countCsvRange, type CountState, type RangeCount } from './csv-count.ts';
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
 * Parallel design. Types are inferred once on the main thread (from the head of the file) and sent to every
 * worker. The data is split into byte ranges at line starts. Each worker first counts the records and lines of
 * its range with the parser's quote rules; the main thread turns the counts into each range's first row and
 * first line, so chunks carry the file's row numbers and errors the file's line numbers. A split point that fell
 * inside a quoted multi-line field shows up as a range that ends inside quotes (the ranges before it are parsed
 * from a correct start, so this check is exact); then — and on any error a worker meets — the file is scanned
 * again on one thread, which either succeeds or reports the error exactly as the sequential reader does.
 */
export interface ScanTask<S> {
  add(chunk: Table): void;
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
  /** The module exporting `createTask` (a file URL or path; .ts works). */
  module: URL | string;
  /** Structured-cloneable arguments for `createTask`. */
  args: unknown;
}

export interface ParallelOptions {
  /** Worker threads (default: available cores, at most 8). */
  workers?: number;
  /**
   * Files with fewer data bytes than this are scanned on the calling thread (default 64 MB: starting a worker
   * costs about 0.3 s of CPU, mostly registering the TypeScript loader, which a small file does not repay).
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
  let types = inferCsvTypes(layout, options);
  const workers = Math.max(1, Math.min(parallel.workers ?? Math.min(8, availableParallelism()), 64));
  const dataBytes = layout.size - layout.dataStart;
  const sequential = async (): Promise<S> => {
    const mod = (await import(moduleHref(task.module))) as { createTask: CreateTask<S> };
    return runTaskSequential(layout, types, options, mod.createTask, task.args, parallel.onProgress);
  };
  if (workers === 1 || dataBytes < (parallel.minBytes ?? 64e6)) return sequential();
  const ranges = splitRanges(layout, workers);
  if (ranges.length < 2) return sequential();
  for (;;) {
    const outcome = await runWorkers<S>(layout, types, options, task, ranges, parallel.onProgress);
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

/** Data sent to a worker. */
export interface WorkerInput {
  layout: CsvLayout;
  types: ColumnType[];
  declared: boolean[];
  missing: CsvOptions['missing'];
  chunkRows: number;
  blockBytes: number;
  start: number;
  end: number;
  module: string;
  args: unknown;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { type: 'count'; records: number; lines: number; clean: boolean; state: CountState }
  | { type: 'progress'; bytes: number }
  | { type: 'retype'; columns: number[] }
  | { type: 'done'; state: unknown }
  | { type: 'error'; staffwell: boolean; code?: StaffwellErrorCode; message: string; stack?: string };

type Outcome<S> = { kind: 'states'; states: S[] } | { kind: 'retype'; columns: number[] } | { kind: 'fallback'; reason: string };

function runWorkers<S>(
  layout: CsvLayout,
  types: ColumnType[],
  options: CsvOptions,
  task: TaskModuleRef,
  ranges: [number, number][],
  onProgress?: ProgressFn,
): Promise<Outcome<S>> {
  const declared = declaredFlags(layout, options);
  const bootstrap = new URL('./scan-worker.mjs', import.meta.url);
  return new Promise<Outcome<S>>((resolve, reject) => {
    const n = ranges.length;
    const counts: (CountMessage | undefined)[] = new Array(n);
    const states: S[] = new Array(n);
    const progress = new Float64Array(n);
    const retyped = new Set<number>();
    let counted = 0;
    let finished = 0;
    let settled = false;
    const pool: Worker[] = [];
    const settle = (o: Outcome<S> | Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (o instanceof Error) reject(o);
      else resolve(o);
    };
    ranges.forEach(([start, end], k) => {
      const input: WorkerInput = {
        layout,
        types,
        declared,
        missing: options.missing,
        chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
        blockBytes: options.blockBytes ?? DEFAULT_BLOCK_BYTES,
        start,
        end,
        module: moduleHref(task.module),
        args: task.args,
      };
      const w = startWorker(bootstrap, input);
      pool.push(w);
      w.on('message', (m: WorkerMessage) => {
        if (settled) return;
        switch (m.type) {
          case 'count':
            counts[k] = m;
            if (++counted === n) {
              try {
                for (const p of planRanges(layout, ranges, counts as CountMessage[], options.blockBytes)) pool[p.k].postMessage(p.plan);
              } catch (e) {
                settle(e as Error);
              }
            }
            break;
          case 'progress':
            progress[k] = m.bytes;
            if (onProgress) onProgress(layout.dataStart + progress.reduce((a, b) => a + b, 0), layout.size);
            break;
          case 'retype':
            for (const c of m.columns) retyped.add(c);
            if (++finished === n) settle({ kind: 'retype', columns: [...retyped] });
            break;
          case 'done':
            states[k] = m.state as S;
            if (++finished === n) settle(retyped.size ? { kind: 'retype', columns: [...retyped] } : { kind: 'states', states });
            break;
          case 'error':
            // A user-facing error may come from a bad split; the sequential scan reports it exactly.
            if (m.staffwell) settle({ kind: 'fallback', reason: `a worker met a problem in the data: ${m.message}` });
            else settle(Object.assign(new Error(`scan worker failed: ${m.message}`), { stack: m.stack }));
            break;
        }
      });
      w.on('error', (e) => settle(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => {
        if (!settled && code !== 0) settle(new Error(`scan worker exited with code ${code}`));
      });
    });
  });
}

/**
 * A worker with the process's execArgv minus a tsx `--import` (the bootstrap registers tsx; twice would cost
 * twice). Process-wide flags such as --max-old-space-size are refused by workers: then none are passed.
 */
function startWorker(bootstrap: URL, input: WorkerInput): Worker {
  try {
    return new Worker(bootstrap, { workerData: input, execArgv: workerExecArgv() });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(bootstrap, { workerData: input, execArgv: [] });
  }
}

/** The process's execArgv without a tsx `--import`. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] === '--import' || a[i] === '--loader' || a[i] === '--experimental-loader') && /^tsx(\/|$)/.test(a[i + 1] ?? '')) i++;
    else if (/^--(import|loader|experimental-loader)=tsx(\/|$)/.test(a[i])) continue;
    else out.push(a[i]);
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

