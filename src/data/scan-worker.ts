import { parentPort, workerData } from 'node:worker_threads';
import { StaffwellError } from '../errors.ts';
import type { CreateTask, WorkerInput, WorkerMessage, WorkerPlan } from './scan-parallel.ts';
import { scanPieces, transferables } from './scan-parallel.ts';

/**
 * Entry of a scan worker thread (see scan-parallel.ts): load the task module while the calling thread plans the
 * pieces, then take pieces in turn with the other threads and send back the state of each piece taken.
 */
async function runScanWorker(): Promise<void> {
  const port = parentPort!;
  const input = workerData as WorkerInput;
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const plan = new Promise<WorkerPlan>((resolve) => port.once('message', resolve));
    const mod = (await import(input.module)) as { createTask: CreateTask<unknown> };
    const shared = new Int32Array(input.shared);
    const progress = new Float64Array(input.progress);
    let lastReport = 0;
    let done = 0;
    const r = scanPieces(input, mod.createTask, await plan, shared, progress, () => {
      // A message now and then, so the calling thread (when idle) reports progress.
      if (++done - lastReport >= 8) {
        lastReport = done;
        send({ type: 'progress' });
      }
    });
    if (r.retyped.length) {
      send({ type: 'retype', columns: r.retyped });
      return;
    }
    send({ type: 'done', pieces: r.pieces, states: r.states }, transferables(r.states));
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

await runScanWorker();
