import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ReadTableOptions } from '../data/read-table.ts';
import { moduleFlags } from '../data/scan-parallel.ts';
import { StaffwellError, type ErrorLocation, type StaffwellErrorCode } from '../errors.ts';
import { surveyProfile, type SurveyProfile } from '../services/survey-profile.ts';

/**
 * The survey profile (services/survey-profile.ts) for the workspace server, off its thread when the file is large:
 * the scan is synchronous, and on the server's thread a large file would hold up every other request (the page's
 * polling, the qualitative views) until it is read. A small file is profiled in the thread (a worker costs
 * ~50 ms to start, a few hundred from the sources); one of `offThreadBytes` or more in a worker thread, whose
 * StaffwellError comes back as one.
 */
export async function surveyProfileOffThread(
  file: string,
  options: ReadTableOptions & { headRows?: number },
  offThreadBytes = OFF_THREAD_BYTES,
): Promise<SurveyProfile> {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // the service names the missing file
  }
  if (size < offThreadBytes) return surveyProfile(file, options);
  const input: ProfileWorkerInput = { file, options };
  const message = await new Promise<ProfileWorkerMessage>((resolve, reject) => {
    const worker = startWorker(input);
    let settled = false;
    worker.once('message', (m: ProfileWorkerMessage) => {
      settled = true;
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the survey-profile worker stopped (exit code ${code}) before it answered`));
    });
  });
  if (message.ok) return message.profile;
  if ('staffwell' in message) {
    const { code, problem, location, value, hint } = message.staffwell;
    throw new StaffwellError(code, problem, { ...location, value, hint });
  }
  const e = new Error(message.message);
  if (message.stack) e.stack = message.stack;
  throw e;
}

/** Files of this size or more are profiled in a worker thread. */
export const OFF_THREAD_BYTES = 4 * 2 ** 20;

export interface ProfileWorkerInput {
  file: string;
  options: ReadTableOptions & { headRows?: number };
}

export type ProfileWorkerMessage =
  | { ok: true; profile: SurveyProfile }
  | { ok: false; staffwell: { code: StaffwellErrorCode; problem: string; location: ErrorLocation; value: string | undefined; hint: string | undefined } }
  | { ok: false; message: string; stack?: string };

/** survey-profile-worker.js beside this module when compiled; from the sources, the entry that registers tsx. */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './survey-profile-worker-tsx.mjs' : './survey-profile-worker.js', import.meta.url);

/** As scan-parallel's workers: the process's execArgv, or only its module flags where a worker refuses the rest. */
function startWorker(input: ProfileWorkerInput): Worker {
  try {
    return new Worker(ENTRY, { workerData: input });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(ENTRY, { workerData: input, execArgv: moduleFlags(process.execArgv) });
  }
}
