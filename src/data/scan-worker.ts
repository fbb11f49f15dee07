import { parentPort, workerData } from 'node:worker_threads';
import { StaffwellError } from '../errors.ts';
import { countCsvRange } from './csv-count.ts';
import { scanCsvRange } from './csv-range.ts';
import type { CreateTask, ScanTask, WorkerInput, WorkerMessage } from './scan-parallel.ts';
import { transferables } from './scan-parallel.ts';

/** Body of a scan worker (see scan-parallel.ts): count the range, wait for its first row and line, scan it. */
export async function runScanWorker(): Promise<void> {
  const port = parentPort!;
  const input = workerData as WorkerInput;
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const mod = (await import(input.module)) as { createTask: CreateTask<unknown> };
    const count = countCsvRange(input.layout.source, input.layout.delimiter, input.start, input.end, {
      blockBytes: input.blockBytes,
      size: input.layout.size,
    });
    const plan = new Promise<{ firstRow: number; firstLine: number; start: number; end: number }>((resolve) => port.once('message', resolve));
    send({ type: 'count', records: count.records, lines: count.lines, clean: count.clean, state: count.state });
    const { firstRow, firstLine, start, end } = await plan;
    const { layout, types } = input;
    const task: ScanTask<unknown> = mod.createTask(input.args, {
      source: layout.source,
      columns: layout.selected.map((j) => layout.names[j]),
      types,
    });
    let lastReport = 0;
    const r = scanCsvRange(
      layout,
      { start, end, firstRow, firstLine },
      {
        types,
        declared: input.declared,
        missing: input.missing,
        chunkRows: input.chunkRows,
        blockBytes: input.blockBytes,
        reuse: true,
        onChunk: (chunk) => task.add(chunk),
        onProgress: (done) => {
          if (done - lastReport >= 16 << 20) {
            lastReport = done;
            send({ type: 'progress', bytes: done });
          }
        },
      },
    );
    if (r.retyped.length) {
      send({ type: 'retype', columns: r.retyped.map((x) => x.column) });
      return;
    }
    send({ type: 'progress', bytes: end - start });
    const state = task.finish();
    send({ type: 'done', state }, transferables(state));
  } catch (e) {
    const err = e as Error;
    send({
      type: 'error',
      staffwell: e instanceof StaffwellError,
      code: e instanceof StaffwellError ? e.code : undefined,
      message: err?.message ?? String(e),
      stack: err?.stack,
    });
  }
}
